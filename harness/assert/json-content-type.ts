import { must } from './must.js'

/** `application/json`, with or without parameters (`; charset=utf-8`), in any case: what `produces`/`consumes: application/json` asks for. */
export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && /^application\/json\s*(;|$)/i.test(value)
}

/** A Content-Type as a failure shows it: `Content-Type: text/plain`, or that there was none. */
export function describeContentType(value: string | undefined): string {
  return value === undefined ? 'no Content-Type header' : `Content-Type: ${value}`
}

/** Fails the check unless `value` is a JSON Content-Type; `what` names the request or answer it came with. */
export function mustBeJsonContentType(value: string | undefined, what: string): void {
  must.hold(isJsonContentType(value), `${what} came with ${describeContentType(value)}`, 'Content-Type: application/json', describeContentType(value))
}
