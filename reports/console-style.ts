import { styleText } from 'node:util'
import type { CheckStatus } from '../runner/check-result.js'

/** How the terminal rendering marks its parts; plain text unless the CLI decided on colour (cli/colour-choice.ts). */
export interface ConsoleStyle {
  status: (status: CheckStatus, text: string) => string
  bold: (text: string) => string
  dim: (text: string) => string
}

const statusColours = { pass: 'green', fail: 'red', warn: 'yellow', skip: 'gray' } as const

/**
 * Colour by node:util's styleText, the stream check off: the CLI has decided once, from the TTY,
 * NO_COLOR and FORCE_COLOR, and the rendering must not decide again (Node 22 would check stdout).
 */
export function consoleStyle(colour: boolean): ConsoleStyle {
  if (!colour) return { status: (_status, text) => text, bold: (text) => text, dim: (text) => text }
  const style = (format: Parameters<typeof styleText>[0], text: string) => styleText(format, text, { validateStream: false })
  return {
    status: (status, text) => style(statusColours[status], text),
    bold: (text) => style('bold', text),
    dim: (text) => style('dim', text),
  }
}
