/** The stub listens on loopback at the port of the URL the homeserver uses, unless told otherwise (--listen). */
export function defaultListen(publicUrl: string): { host: string; port: number } {
  const url = new URL(publicUrl)
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  return { host: '127.0.0.1', port }
}
