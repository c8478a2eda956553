/** How a served reference server ends: Ctrl-C is 130 (128 + SIGINT, the shell's convention); SIGTERM, an orderly stop asked for (docker stop, CI teardown), is 0. */
export const stopExitCodes = { SIGINT: 130, SIGTERM: 0 } as const

/** Resolves to the exit code once SIGINT or SIGTERM arrives; the handlers are removed then, so a second Ctrl-C kills as usual. */
export function untilStopped(): Promise<number> {
  return new Promise((resolve) => {
    const handlers = Object.entries(stopExitCodes).map(([signal, code]) => {
      const handler = () => {
        for (const [s, h] of handlers) process.off(s, h)
        resolve(code)
      }
      process.on(signal, handler)
      return [signal, handler] as const
    })
  })
}
