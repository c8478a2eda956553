import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { useSmallYoungGenerationForNewThreads } from './small-young-generation.js'

describe('useSmallYoungGenerationForNewThreads', () => {
  it('leaves threads started afterwards working: a worker allocates through many scavenges and answers', async () => {
    useSmallYoungGenerationForNewThreads()
    const source = `
      const { parentPort } = require('node:worker_threads')
      let kept = []
      for (let i = 0; i < 200000; i++) { kept.push({ i, text: 'x'.repeat(64) }); if (kept.length > 1000) kept = [] }
      parentPort.postMessage(kept.length)
    `
    const worker = new Worker(source, { eval: true })
    const answer = await new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    await worker.terminate()
    expect(answer).toBe(200000 % 1001)
  })
})
