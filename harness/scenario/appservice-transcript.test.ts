import { describe, expect, it } from 'vitest'
import { describeExit } from './appservice-transcript.js'

describe('describeExit', () => {
  it('tells an end of its own from one the suite caused', () => {
    expect(describeExit({ code: 16, signal: null, outputTail: 'giving up\n' })).toBe('ended by itself (exit code 16; its last output: giving up)')
    expect(describeExit({ code: null, signal: 'SIGKILL', outputTail: '' })).toBe('ended by itself (signal SIGKILL)')
    expect(
      describeExit({ code: null, signal: 'SIGTERM', outputTail: 'starting', stoppedBySuite: 'never listened on 127.0.0.1:9 within 15 s of its start' }),
    ).toBe('never listened on 127.0.0.1:9 within 15 s of its start, so it was stopped by the suite (signal SIGTERM)')
  })
})
