import { readFile } from 'node:fs/promises'
import { UsageError } from '../harness/usage-error.js'
import { systemError } from '../harness/system-error.js'

/** A token from a file (a mounted CI secret): the whole file, without its trailing newline. */
export async function readTokenFile(file: string, flag: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch((thrown: unknown) => {
    const error = systemError(thrown)
    throw new UsageError(`cannot read ${flag} ${file}: ${error.brief}`, `check the path given to ${flag}`)
  })
  const token = text.replace(/\r?\n$/, '')
  if (!token || /\s/.test(token)) throw new UsageError(`${flag} ${file} must hold one token on one line`, 'write only the token into the file')
  return token
}
