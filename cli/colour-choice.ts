/**
 * Whether the console output is coloured, decided once (processOutput): NO_COLOR set to anything
 * but empty means none (no-color.org), and wins; FORCE_COLOR set (even empty) means colour even
 * into a pipe, unless it is 0 or false (as Node reads it); otherwise colour only into a terminal
 * that is not TERM=dumb. Unlike vitest's tinyrainbow, CI alone is no reason: a CI log is often
 * read by tools (the annotations, a grep), and FORCE_COLOR says it.
 */
export function colourChoice(env: NodeJS.ProcessEnv, stdout: { isTTY?: boolean }): boolean {
  if (env.NO_COLOR) return false
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  return stdout.isTTY === true && env.TERM !== 'dumb'
}
