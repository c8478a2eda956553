import { describe, expect, it } from 'vitest'
import { AppserviceProcess } from '../spawned-appservice/appservice-process.js'
import { exitAfterFailedLook } from './spawned-round.js'

describe('exitAfterFailedLook', () => {
  // CI once saw an appservice that gave up end after the round's grace period: the look at it was refused, and its exit code lost.
  it('waits for an appservice that is still ending, and says how it ended', async () => {
    const process = new AppserviceProcess({ command: `"${globalThis.process.execPath}" -e "setTimeout(() => process.exit(16), 300)"` })
    process.start({})
    try {
      expect(process.running).toBe(true)
      expect(await exitAfterFailedLook(process)).toMatchObject({ code: 16, signal: null })
    } finally {
      await process.stop()
    }
  })

  it('says nothing of an appservice that runs on', async () => {
    const process = new AppserviceProcess({ command: `"${globalThis.process.execPath}" -e "setTimeout(() => {}, 60000)"` })
    process.start({})
    try {
      expect(await exitAfterFailedLook(process)).toBeUndefined()
      expect(process.running).toBe(true)
    } finally {
      await process.stop()
    }
  })
})
