import { HarnessError } from '../usage-error.js'

/** One call to a control server (see json-control-server.ts); its failures are the suite's, never the target's. */
export async function callJsonControl(controlUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(`${controlUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    })
  } catch (error) {
    throw new HarnessError(`[harness] control API unreachable at ${controlUrl}: ${(error as Error).message}`)
  }
  const json = await response.json()
  if (!response.ok) throw new HarnessError(`[harness] control ${method} ${path}: ${(json as { error?: string }).error}`)
  return json
}
