/** `application/json`, with or without parameters (`; charset=utf-8`), in any case: what `produces`/`consumes: application/json` asks for. */
export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && /^application\/json\s*(;|$)/i.test(value)
}
