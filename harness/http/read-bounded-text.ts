/** Bodies larger than this are cut: a hostile target must not make the suite buffer megabytes. */
export const maxBodyBytes = 64 * 1024

export interface BoundedText {
  text: string
  /** Total bytes seen (at most maxBytes + one chunk); more than `text` holds when truncated. */
  bytes: number
  truncated: boolean
  /** The bytes were not valid UTF-8 (replacement characters stand in `text`). */
  invalidUtf8: boolean
}

/** Counts the bytes read so far, so a caller can say how much came before a read failed. */
export interface ReadProgress {
  bytes: number
}

/**
 * Reads a fetch body as text, stopping after maxBytes so a huge or endless body cannot exhaust
 * memory. A read that fails (reset, abort) rejects; `progress` then tells how far it got.
 */
export async function readBoundedText(
  body: ReadableStream<Uint8Array> | null,
  maxBytes = maxBodyBytes,
  progress: ReadProgress = { bytes: 0 },
): Promise<BoundedText> {
  if (!body) return { text: '', bytes: 0, truncated: false, invalidUtf8: false }
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let bytes = 0
  let truncated = false
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      bytes += value.byteLength
      progress.bytes = bytes
      if (bytes > maxBytes) {
        truncated = true
        break
      }
    }
  } finally {
    if (truncated) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
  const all = Buffer.concat(chunks).subarray(0, maxBytes)
  return decode(all, bytes, truncated)
}

export function decode(bytes: Uint8Array, total: number, truncated: boolean): BoundedText {
  let invalidUtf8 = false
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    invalidUtf8 = true
    text = new TextDecoder('utf-8').decode(bytes)
  }
  return { text, bytes: total, truncated, invalidUtf8 }
}
