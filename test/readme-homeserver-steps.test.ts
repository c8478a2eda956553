import { spawn } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from '../harness/http/free-port.js'
import { cliBin } from './support/run-cli.js'
import { listening } from './support/served-process.js'
import { readmeShBlocks } from './support/readme-sh-blocks.js'
import { hasStackTrace } from './support/output-hygiene.js'

/**
 * "Testing your homeserver, step by step", run as the README prints it: its ```sh blocks in
 * order, in one shell, in a fresh directory, against `serve homeserver` (the section's "no
 * homeserver at hand?" block). Only two things change: `npx as-ping-conformance` runs this
 * checkout's bin, and the README's two ports (9000, 8008) become free ones, since test files and
 * other checkouts run side by side. The served homeserver is started in the background as the
 * README starts it, waited for, and stopped with SIGTERM at the end.
 */
const blocks = readmeShBlocks('Testing your homeserver, step by step')
const dirs: string[] = []
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))

interface StepsRun {
  /** Each block's exit status, in order (the served homeserver's block: whether it started). */
  steps: number[]
  serveExit: number
  output: string
  dir: string
  hsPort: number
}

async function runSteps(serveVariant?: string): Promise<StepsRun> {
  const dir = await mkdtemp(join(tmpdir(), 'asp-readme-steps-'))
  dirs.push(dir)
  const [asPort, hsPort] = [await freePort(), await freePort()]
  const lines = ['#!/bin/sh']
  blocks.forEach((block, i) => {
    let command = block
      .replaceAll('npx as-ping-conformance', `node "${cliBin}"`)
      .replaceAll('127.0.0.1:9000', `127.0.0.1:${asPort}`)
      .replaceAll('127.0.0.1:8008', `127.0.0.1:${hsPort}`)
    if (/ serve homeserver .*&$/m.test(command)) {
      if (serveVariant) command = command.replace(/ &$/m, ` --variant ${serveVariant} &`)
      // The test's own lines: note the served homeserver's pid, and wait until the test has seen it listen.
      lines.push(command, 'serve_pid=$!', `echo "::step ${i} 0"`, 'read go')
    } else lines.push(command, `echo "::step ${i} $?"`)
  })
  lines.push('kill -TERM "$serve_pid"', 'wait "$serve_pid"', 'echo "::serve-exit $?"')
  await writeFile(join(dir, 'steps.sh'), `${lines.join('\n')}\n`)
  const shell = spawn('/bin/sh', ['steps.sh'], { cwd: dir, env: withoutConformanceVariables(), stdio: ['pipe', 'pipe', 'pipe'] })
  let output = ''
  let started = false
  const read = (chunk: Buffer) => {
    output += chunk.toString('utf8')
    if (started) return
    if (/^Serving .* on http:\/\/127\.0\.0\.1:\d+ /m.test(output)) {
      started = true
      shell.stdin.end('go\n')
    } else if (/^as-ping-conformance: /m.test(output)) {
      // It could not start: let the steps go on, so the run's failure shows what went wrong.
      started = true
      shell.stdin.end()
    }
  }
  shell.stdout.on('data', read)
  shell.stderr.on('data', read)
  await new Promise((resolve) => shell.on('close', resolve))
  const steps = [...output.matchAll(/^::step \d+ (\d+)$/gm)].map((m) => Number(m[1]))
  const serveExit = Number(/^::serve-exit (\d+)$/m.exec(output)?.[1] ?? NaN)
  return { steps, serveExit, output, dir, hsPort }
}

/** The run must get its settings from the README's commands alone, not from this test's environment. */
function withoutConformanceVariables(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CONFORMANCE_') && name !== 'USER_TOKEN'))
}

async function tokensIn(dir: string): Promise<string[]> {
  const files = (await readdir(join(dir, 'conformance'))).filter((f) => f.endsWith('.yaml'))
  const texts = await Promise.all(files.map((f) => readFile(join(dir, 'conformance', f), 'utf8')))
  return texts.flatMap((t) => [...t.matchAll(/^(?:as|hs)_token: *(\S+)$/gm)].map((m) => m[1]!))
}

describe('the README’s homeserver steps', () => {
  it('are init, serving the reference homeserver, and the run, in that order', () => {
    expect(blocks).toHaveLength(3)
    expect(blocks[0]).toMatch(/^npx as-ping-conformance init /m)
    expect(blocks[1]).toMatch(/^npx as-ping-conformance serve homeserver .*&$/m)
    expect(blocks[2]).toMatch(/^npx as-ping-conformance homeserver /m)
  })

  it('as printed, against `serve homeserver`: the run conforms (exit 0), with the user-token check run, and the server stops on SIGTERM', async () => {
    const run = await runSteps()
    expect(run.steps, run.output).toEqual([0, 0, 0])
    expect(run.output).toContain('The target conforms (exit 0).')
    const report = JSON.parse(await readFile(join(run.dir, 'report.json'), 'utf8')) as { exitCode: number; results: { id: string; status: string }[] }
    expect(report.exitCode).toBe(0)
    // The README's $USER_TOKEN reached both the served homeserver and the run.
    expect(report.results.find((r) => r.id === 'HS-PING-USER-TOKEN')?.status).toBe('pass')
    expect(run.serveExit).toBe(0)
    expect(await listening(run.hsPort)).toBe(false)
    expect(hasStackTrace(run.output)).toBe(false)
    const tokens = await tokensIn(run.dir)
    expect(tokens).toHaveLength(6)
    for (const token of tokens) expect(run.output).not.toContain(token)
  }, 180_000)

  it('with a broken --variant served, the same run does not conform (exit 1)', async () => {
    const run = await runSteps('duration-as-string')
    expect(run.steps, run.output).toEqual([0, 0, 1])
    expect(run.output).toMatch(/Serving the broken homeserver variant 'duration-as-string'/)
    expect(run.output).toContain('The target does not conform (exit 1).')
    const report = JSON.parse(await readFile(join(run.dir, 'report.json'), 'utf8')) as { results: { id: string; status: string }[] }
    expect(report.results.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(['HS-PING-OK'])
    expect(run.serveExit).toBe(0)
    expect(await listening(run.hsPort)).toBe(false)
  }, 180_000)
})
