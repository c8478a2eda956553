/**
 * How long a homeserver waits for an appservice, by default: Synapse waits 60 s. The run waits
 * that long (plus a margin) for the 504 case, and `serve homeserver` waits as long, so the two
 * agree unless told otherwise.
 */
export const defaultHsTimeoutMs = 60_000
