/** The TCP host and port an http(s) URL points at: IPv6 brackets dropped, the scheme's default port filled in. */
export function urlAddress(url: string | URL): { host: string; port: number } {
  const parsed = new URL(url)
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)) }
}
