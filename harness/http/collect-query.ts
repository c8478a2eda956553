/** A URL's query as key → every value, in order (a key may repeat). */
export function collectQuery(url: URL): Record<string, string[]> {
  const query: Record<string, string[]> = {}
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value)
  return query
}
