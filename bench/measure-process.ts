import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'

/** One measured run of a command. */
export interface ProcessMeasurement {
  /** Spawn to exit, node's own start included. */
  wallMs: number
  /** Peak resident memory of the process and every process it started, in MB; undefined without /proc. */
  peakRssMb: number | undefined
  /**
   * CPU time (user + system) of the process tree, in ms, as last sampled before it exited;
   * undefined without /proc. Unlike wall time, barely moved by other work on the machine.
   */
  cpuMs: number | undefined
  code: number | null
  stdout: string
  stderr: string
}

/** How often the process tree's memory is sampled. */
const samplePeriodMs = 10

/**
 * Runs a command to its end and measures it. Memory is the whole process tree's: the main
 * process's high-water mark (VmHWM: every thread, vitest's workers included, exact even between
 * samples) plus what its descendants (tsx's esbuild service, a spawned appservice) hold when sampled.
 */
export function measureProcess(
  command: string,
  args: readonly string[],
  options: {
    cwd?: string
    env?: Record<string, string>
    /** Descendants (and theirs) left out of the memory figure: the spawned target's, when only the suite's own count. */
    notCounted?: (commandLine: string) => boolean
  } = {},
): Promise<ProcessMeasurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    let peakKb: number | undefined
    let cpuTicks: number | undefined
    const sample = () => {
      if (child.pid === undefined) return
      const kb = treeRssKb(child.pid, options.notCounted)
      if (kb !== undefined) peakKb = Math.max(peakKb ?? 0, kb)
      cpuTicks = treeCpuTicks(child.pid) ?? cpuTicks
    }
    const sampler = setInterval(sample, samplePeriodMs)
    child.on('error', (error) => {
      clearInterval(sampler)
      reject(error)
    })
    child.on('exit', (code) => {
      const wallMs = performance.now() - started
      clearInterval(sampler)
      resolve({
        wallMs,
        peakRssMb: peakKb === undefined ? undefined : peakKb / 1024,
        cpuMs: cpuTicks === undefined ? undefined : (cpuTicks * 1000) / clockTicksPerSecond,
        code,
        stdout,
        stderr,
      })
    })
  })
}

/**
 * The main process's VmHWM plus its (counted) descendants' VmRSS, in kB; undefined when /proc cannot tell.
 * A child that still has the main process's command line is one forked to spawn a command and not
 * yet exec'd: its pages are the main process's own (copy-on-write), already in its VmHWM, so it is
 * left out (counted, it added 10–30 MB at random to an appservice run's figure, which spawns the appservice often).
 */
function treeRssKb(pid: number, notCounted?: (commandLine: string) => boolean): number | undefined {
  const own = statusField(pid, 'VmHWM')
  if (own === undefined) return undefined
  const ownCommandLine = commandLineOf(pid)
  const forkedNotExeced = (commandLine: string) => commandLine === ownCommandLine
  const leftOut = (commandLine: string) => forkedNotExeced(commandLine) || (notCounted?.(commandLine) ?? false)
  return own + descendants(pid, leftOut).reduce((sum, p) => sum + (statusField(p, 'VmRSS') ?? 0), 0)
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every common platform. */
const clockTicksPerSecond = 100

/** utime + stime of the main process (all threads) and of its reaped children, plus the live descendants' own. */
function treeCpuTicks(pid: number): number | undefined {
  const own = statTimes(pid, true)
  if (own === undefined) return undefined
  return own + descendants(pid).reduce((sum, p) => sum + (statTimes(p, false) ?? 0), 0)
}

function statTimes(pid: number, withReapedChildren: boolean): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces): state is field 3, utime 14 … cstime 17.
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number)
    const [utime, stime, cutime, cstime] = fields.slice(11, 15) as [number, number, number, number]
    return utime + stime + (withReapedChildren ? cutime + cstime : 0)
  } catch {
    return undefined
  }
}

function descendants(pid: number, notCounted?: (commandLine: string) => boolean): number[] {
  const children = childrenOf(pid).filter((child) => !notCounted?.(commandLineOf(child)))
  return children.flatMap((child) => [child, ...descendants(child, notCounted)])
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number))
  } catch {
    return [] // the process ended between two reads
  }
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}
