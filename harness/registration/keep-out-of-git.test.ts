import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { keepOutOfGit } from './keep-out-of-git.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asp-gitignore-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const gitignore = () => readFile(join(dir, '.gitignore'), 'utf8')

describe('keepOutOfGit', () => {
  it('writes a .gitignore naming exactly the token files, anchored to the directory', async () => {
    await keepOutOfGit(dir, ['a.yaml', 'conformance.json'])
    const lines = (await gitignore()).split('\n')
    expect(lines.slice(1)).toEqual(['/a.yaml', '/conformance.json', ''])
    expect(lines[0]).toMatch(/^# .*tokens/)
  })

  it("adds only what an existing .gitignore lacks, and keeps the project's own lines", async () => {
    await writeFile(join(dir, '.gitignore'), 'node_modules\n/a.yaml')
    await keepOutOfGit(dir, ['a.yaml', 'b.yaml'])
    const text = await gitignore()
    expect(text.startsWith('node_modules\n/a.yaml\n# ')).toBe(true)
    expect(text.endsWith('\n/b.yaml\n')).toBe(true)
    await keepOutOfGit(dir, ['a.yaml', 'b.yaml'])
    expect(await gitignore()).toBe(text)
  })
})
