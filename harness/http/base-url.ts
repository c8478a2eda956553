/**
 * A base URL as API paths are appended to it: its own path kept (`https://example.org/matrix`,
 * as `.well-known`'s `base_url` may be), without the trailing slash a path would double.
 */
export function basePrefix(url: string): string {
  const base = new URL(url)
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}`
}
