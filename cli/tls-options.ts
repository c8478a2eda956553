import { readFile } from 'node:fs/promises'
import type { TlsOptions } from '../harness/http/tls-fetch.js'
import { UsageError } from '../harness/usage-error.js'
import { systemError } from '../harness/system-error.js'

/** --ca-file and --insecure as the harness's TlsOptions; undefined when neither is given. */
export async function loadTlsOptions(options: { caFile?: string; insecure?: boolean }): Promise<TlsOptions | undefined> {
  if (!options.caFile && !options.insecure) return undefined
  let ca: string | undefined
  if (options.caFile) {
    ca = await readFile(options.caFile, 'utf8').catch((thrown: unknown) => {
      const error = systemError(thrown)
      throw new UsageError(`cannot read --ca-file ${options.caFile}: ${error.brief}`, "give the PEM file of the CA that signed the homeserver's certificate")
    })
    if (!ca.includes('-----BEGIN CERTIFICATE-----'))
      throw new UsageError(`--ca-file ${options.caFile} holds no PEM certificate`, 'give a PEM file (-----BEGIN CERTIFICATE-----)')
  }
  return { ...(ca ? { ca } : {}), ...(options.insecure ? { insecure: true } : {}) }
}

/** Whether a request error is a certificate problem, which --ca-file or --insecure fix. */
export function isCertificateError(error: string | undefined): boolean {
  return /certificate|CERT_|self[- ]signed|unable to verify|altnames|SSL|TLS/i.test(error ?? '')
}
