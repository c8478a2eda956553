/**
 * Runs tasks at most `limit` at a time, in the order they were handed in. The project's tests
 * start whole CLI runs (each with its own vitest workers) on a machine with few cores.
 */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  const next = () => {
    if (running < limit) waiting.shift()?.()
  }
  return (task) =>
    new Promise((resolve, reject) => {
      waiting.push(() => {
        running++
        task()
          .then(resolve, reject)
          .finally(() => {
            running--
            next()
          })
      })
      next()
    })
}
