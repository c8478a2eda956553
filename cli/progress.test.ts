import { afterEach, describe, expect, it, vi } from 'vitest'
import { consoleProgress, progressLine } from './progress.js'

afterEach(() => void vi.useRealTimers())

describe('progress while the timeout check waits', () => {
  it('says what is done, what is still running, and why the slow one is slow', () => {
    expect(progressLine(['HS-PING-TIMEOUT'], 28, 15_400, { hsTimeoutMs: 60_000, requestDeadlineMs: 75_000 })).toBe(
      "… 15 s: 27 of 28 checks done; waiting for HS-PING-TIMEOUT (HS-PING-TIMEOUT waits for the homeserver's own appservice timeout, 60 s; at most 75 s)",
    )
    expect(progressLine(['A', 'B', 'C', 'D'], 4, 5_000, { hsTimeoutMs: 60_000, requestDeadlineMs: 75_000 })).toBe(
      '… 5 s: 0 of 4 checks done; waiting for A, B, C and 1 more',
    )
  })

  it('prints to stderr after 5 s, then every 10 s, until the checks are done', () => {
    vi.useFakeTimers()
    const err: string[] = []
    const progress = consoleProgress({ out: () => undefined, err: (t) => void err.push(t) }, { hsTimeoutMs: 60_000, requestDeadlineMs: 75_000 })
    progress.started(['HS-PING-OK', 'HS-PING-TIMEOUT'])
    progress.checkDone('HS-PING-OK')
    vi.advanceTimersByTime(4_999)
    expect(err).toEqual([])
    vi.advanceTimersByTime(1)
    vi.advanceTimersByTime(10_000)
    expect(err.map((l) => l.slice(0, 40))).toEqual(['… 5 s: 1 of 2 checks done; waiting for H', '… 15 s: 1 of 2 checks done; waiting for '])
    progress.checkDone('HS-PING-TIMEOUT')
    vi.advanceTimersByTime(60_000)
    expect(err).toHaveLength(2)
    progress.stop()
  })

  it('stays quiet when no check waits long (a short homeserver timeout)', () => {
    vi.useFakeTimers()
    const err: string[] = []
    const progress = consoleProgress({ out: () => undefined, err: (t) => void err.push(t) }, { hsTimeoutMs: 1_500, requestDeadlineMs: 6_500 })
    progress.started(['HS-PING-TIMEOUT'])
    vi.advanceTimersByTime(60_000)
    expect(err).toEqual([])
  })
})
