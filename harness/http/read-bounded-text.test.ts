import { describe, expect, it } from 'vitest'
import { readBoundedText } from './read-bounded-text.js'

/** A body that yields these chunks one read at a time, then ends or fails. */
function stream(chunks: Uint8Array[], then?: Error): ReadableStream<Uint8Array> {
  const queue = [...chunks]
  return new ReadableStream({
    pull(controller) {
      const chunk = queue.shift()
      if (chunk) controller.enqueue(chunk)
      else if (then) controller.error(then)
      else controller.close()
    },
  })
}

describe('readBoundedText', () => {
  it('reads a whole body', async () => {
    expect(await readBoundedText(stream([Buffer.from('{"a":'), Buffer.from('1}')]))).toEqual({
      text: '{"a":1}',
      bytes: 7,
      truncated: false,
      invalidUtf8: false,
    })
    expect(await readBoundedText(null)).toEqual({ text: '', bytes: 0, truncated: false, invalidUtf8: false })
  })

  it('stops after maxBytes, keeps exactly that many, and cancels the rest', async () => {
    let cancelled = false
    let pulls = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++
        controller.enqueue(Buffer.alloc(1000, 'x'))
      },
      cancel() {
        cancelled = true
      },
    })
    const result = await readBoundedText(endless, 2500)
    expect(result.truncated).toBe(true)
    expect(result.text).toHaveLength(2500)
    expect(result.bytes).toBe(3000)
    expect(cancelled).toBe(true)
    expect(pulls).toBeLessThan(10)
  })

  it('marks bytes that are not UTF-8 and shows replacement characters for them', async () => {
    const result = await readBoundedText(stream([Buffer.from([0x61, 0xc3, 0x28, 0x62])]))
    expect(result.invalidUtf8).toBe(true)
    expect(result.text).toBe('a\uFFFD(b')
  })

  it('rejects when the body breaks off, with the bytes read so far in progress', async () => {
    const progress = { bytes: 0 }
    await expect(readBoundedText(stream([Buffer.from('12345')], new Error('reset')), 100, progress)).rejects.toThrow('reset')
    expect(progress.bytes).toBe(5)
  })
})
