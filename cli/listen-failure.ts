import { systemError } from '../harness/system-error.js'
import { UsageError } from '../harness/usage-error.js'

/** Why a served reference server cannot listen on `--listen`, as the one-line UsageError the CLI prints. */
export function listenFailure(thrown: unknown, what: string, listen: { host: string; port: number }): UsageError {
  const error = systemError(thrown)
  return new UsageError(
    `the ${what} cannot listen on ${hostPort(listen)}: ${error.brief}`,
    error.code === 'EADDRINUSE'
      ? 'stop whatever uses that port, or pass --listen HOST:PORT with a free one'
      : 'pass --listen HOST:PORT with an address of this machine',
  )
}

/** host:port, an IPv6 host in brackets. */
export function hostPort({ host, port }: { host: string; port: number }): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`
}
