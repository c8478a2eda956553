import { describe, expect, it } from 'vitest'
import { systemError } from './system-error.js'

describe('systemError', () => {
  it("reads Node's code and path, and says the code in brief", () => {
    const thrown = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: '/x' })
    expect(systemError(thrown)).toEqual({ code: 'ENOENT', path: '/x', brief: 'ENOENT' })
  })

  it('falls back to the message, or the thrown value itself', () => {
    expect(systemError(new Error('boom'))).toEqual({ brief: 'boom' })
    expect(systemError('plain')).toEqual({ brief: 'plain' })
  })
})
