import { describe, expect, it } from 'vitest'
import { colourChoice } from './colour-choice.js'

const tty = { isTTY: true }
const pipe = { isTTY: false }

describe('whether the console is coloured', () => {
  it('colours a terminal, not a pipe or a dumb terminal', () => {
    expect(colourChoice({}, tty)).toBe(true)
    expect(colourChoice({}, pipe)).toBe(false)
    expect(colourChoice({}, {})).toBe(false)
    expect(colourChoice({ TERM: 'dumb' }, tty)).toBe(false)
  })

  it('honours NO_COLOR with any value but empty, even over FORCE_COLOR', () => {
    expect(colourChoice({ NO_COLOR: '1' }, tty)).toBe(false)
    expect(colourChoice({ NO_COLOR: 'false' }, tty)).toBe(false)
    expect(colourChoice({ NO_COLOR: '' }, tty)).toBe(true)
    expect(colourChoice({ NO_COLOR: '1', FORCE_COLOR: '1' }, pipe)).toBe(false)
  })

  it('honours FORCE_COLOR: colour into a pipe, or none at all with 0 or false', () => {
    for (const value of ['1', '2', '3', 'true']) expect(colourChoice({ FORCE_COLOR: value }, pipe), value).toBe(true)
    for (const value of ['0', 'false', 'FALSE']) expect(colourChoice({ FORCE_COLOR: value }, tty), value).toBe(false)
    expect(colourChoice({ FORCE_COLOR: '' }, pipe)).toBe(true)
    expect(colourChoice({ FORCE_COLOR: '1', TERM: 'dumb' }, pipe)).toBe(true)
  })
})
