import { colourChoice } from './colour-choice.js'

/** Where the CLI writes; tests pass their own. */
export interface Output {
  out(text: string): void
  err(text: string): void
  /** Whether what goes to `out` may be coloured (default no). */
  colour?: boolean
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  // Decided once, for the whole run; the renderings are told (reports/console-style.ts).
  colour: colourChoice(process.env, process.stdout),
}
