import { urlAddress } from '../harness/http/url-address.js'

/** The stub listens on loopback at the port of the URL the homeserver uses, unless told otherwise (--listen). */
export function defaultListen(publicUrl: string): { host: string; port: number } {
  return { host: '127.0.0.1', port: urlAddress(publicUrl).port }
}
