import { request } from 'node:https'
import { Readable } from 'node:stream'
import { rootCertificates } from 'node:tls'

/** How the suite trusts an https target: staging homeservers often have private certificates. */
export interface TlsOptions {
  /** PEM text of CA certificates to trust besides the usual ones (--ca-file). */
  ca?: string
  /** Accept any certificate (--insecure): the connection is encrypted but not authenticated. */
  insecure?: boolean
}

/**
 * fetch() for an https URL with extra CAs or no verification. Node 20's fetch takes neither per
 * request (its undici is not reachable, and NODE_EXTRA_CA_CERTS is read only at start), so this
 * speaks node:https and hands back a standard Response; errors look like fetch's
 * (TypeError 'fetch failed' with the socket error as cause).
 */
export function tlsFetch(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
  tls: TlsOptions,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method,
        headers: init.headers,
        signal: init.signal,
        rejectUnauthorized: !tls.insecure,
        ...(tls.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
      },
      (res) => {
        const headers = new Headers()
        for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) headers.append(name, v)
        const status = res.statusCode ?? 0
        const noBody = init.method === 'HEAD' || status === 204 || status === 304
        if (noBody) res.resume()
        if (status < 200 || status > 599) {
          res.destroy()
          reject(Object.assign(new TypeError('fetch failed'), { cause: new Error(`invalid HTTP status ${status}`) }))
          return
        }
        resolve(new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage ?? '', headers }))
      },
    )
    req.on('error', (error) => reject(Object.assign(new TypeError('fetch failed'), { cause: error })))
    req.end(init.body)
  })
}
