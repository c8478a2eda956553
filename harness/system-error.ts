/** What a failed file or socket call tells, read from whatever was thrown (a catch callback's value is unknown). */
export interface SystemError {
  /** ENOENT, EADDRINUSE, …, when the thrower was Node's system layer. */
  code?: string
  path?: string
  /** The code when there is one (it is what a user can search for), else the message. */
  brief: string
}

export function systemError(thrown: unknown): SystemError {
  const fields = typeof thrown === 'object' && thrown !== null ? (thrown as { code?: unknown; path?: unknown; message?: unknown }) : {}
  const code = typeof fields.code === 'string' ? fields.code : undefined
  const path = typeof fields.path === 'string' ? fields.path : undefined
  const message = typeof fields.message === 'string' ? fields.message : String(thrown)
  return { ...(code ? { code } : {}), ...(path ? { path } : {}), brief: code ?? message }
}
