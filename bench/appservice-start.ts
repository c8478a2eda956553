import { spawn } from 'node:child_process'
import { freePort } from '../harness/http/free-port.js'
import { acceptsConnection } from '../harness/http/wait-for-port.js'
import { spawnVariables } from '../harness/spawned-appservice/spawn-environment.js'

/** How often the port is tried while the appservice starts. */
const pollMs = 5
/** A start that takes longer than this is a broken set-up, not a figure. */
const giveUpMs = 30_000

/**
 * One start of the built reference appservice as `--spawn` starts it (node, its CONFORMANCE_*
 * variables), timed from spawn until its port accepts a connection: the part of an appservice
 * run that is the target's, not the suite's. Its start-up ping goes to a port nothing listens on
 * (it retries in the background); the process is stopped as soon as it listens.
 */
export async function timeAppserviceStart(mainFile: string): Promise<number> {
  const [port, homeserverPort] = [await freePort(), await freePort()]
  const started = performance.now()
  const child = spawn(process.execPath, [mainFile], {
    stdio: 'ignore',
    env: {
      ...process.env,
      [spawnVariables.host]: '127.0.0.1',
      [spawnVariables.port]: String(port),
      [spawnVariables.appserviceUrl]: `http://127.0.0.1:${port}`,
      [spawnVariables.homeserverUrl]: `http://127.0.0.1:${homeserverPort}`,
      [spawnVariables.hsToken]: 'bench-hs-token',
      [spawnVariables.asToken]: 'bench-as-token',
    },
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    while (!(await acceptsConnection('127.0.0.1', port))) {
      if (child.exitCode !== null) throw new Error(`the reference appservice exited ${child.exitCode} before it listened`)
      if (performance.now() - started > giveUpMs) throw new Error(`the reference appservice did not listen within ${giveUpMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, pollMs))
    }
    return performance.now() - started
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}
