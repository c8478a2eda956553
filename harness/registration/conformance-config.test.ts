import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UsageError } from '../usage-error.js'
import { renderRegistration } from './appservice-registration.js'
import { configFileName, loadConformanceConfig, writeConformanceConfig } from './conformance-config.js'
import { createConformanceRegistrations } from './conformance-registrations.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asp-config-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const registrations = () => createConformanceRegistrations({ asUrl: 'http://127.0.0.1:9000' })

/** The message of the UsageError loading fails with; it must be one line with a remedy. */
async function loadProblem(): Promise<string> {
  const error = await loadConformanceConfig(dir).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UsageError)
  expect((error as UsageError).message).not.toContain('\n')
  expect((error as UsageError).remedy).toMatch(/init/)
  return (error as UsageError).message
}

async function editConfigFile(change: (file: Record<string, unknown>) => unknown): Promise<void> {
  const path = join(dir, configFileName)
  await writeFile(path, JSON.stringify(change(JSON.parse(await readFile(path, 'utf8')))))
}

describe('writeConformanceConfig and loadConformanceConfig', () => {
  it('keeps the files that hold tokens out of a git repository the directory is in', async () => {
    execFileSync('git', ['init', '-q', dir])
    await writeConformanceConfig(join(dir, 'conformance'), registrations())
    const untracked = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' })
    expect(untracked.trim()).toBe('?? conformance/.gitignore')
  })

  it('round-trip: the registrations, their files (0600: they hold tokens) and the stub URL', async () => {
    const written = await writeConformanceConfig(dir, registrations())
    expect((await stat(join(dir, written.files.main))).mode & 0o777).toBe(0o600)
    const loaded = await loadConformanceConfig(dir)
    expect(loaded).toEqual(written)
    expect(loaded.asUrl).toBe('http://127.0.0.1:9000')
  })

  it('says which directory it cannot write to, without a stack trace', async () => {
    const file = join(dir, 'a-file')
    await writeFile(file, '')
    const error = await writeConformanceConfig(file, registrations()).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toMatch(/cannot write the config to .*a-file: (EEXIST|ENOTDIR)/)
  })

  it('names a directory without the config file and says to run init', async () => {
    expect(await loadProblem()).toBe(`no ${configFileName} in ${dir}`)
  })

  it('refuses a config file that is not JSON, or not ours', async () => {
    await writeConformanceConfig(dir, registrations())
    await writeFile(join(dir, configFileName), '{ not json')
    expect(await loadProblem()).toMatch(/is not valid JSON/)
    await writeFile(join(dir, configFileName), '{"version": 2}')
    expect(await loadProblem()).toMatch(/is not an as-ping-conformance config \(version 1\)/)
    await writeFile(join(dir, configFileName), 'null')
    expect(await loadProblem()).toMatch(/is not an as-ping-conformance config/)
  })

  it('names a registration the config lists but that is missing', async () => {
    await writeConformanceConfig(dir, registrations())
    await editConfigFile((file) => ({ ...file, registrations: { ...(file.registrations as object), noUrl: undefined } }))
    expect(await loadProblem()).toMatch(/registrations\.noUrl is missing/)
    await editConfigFile((file) => ({ ...file, registrations: { ...(file.registrations as object), noUrl: 'gone.yaml' } }))
    expect(await loadProblem()).toMatch(/cannot read registration .*gone\.yaml: ENOENT/)
  })

  it('checks each role has the url it needs', async () => {
    const regs = registrations()
    const written = await writeConformanceConfig(dir, regs)
    await writeFile(join(dir, written.files.main), renderRegistration({ ...regs.main, url: null }))
    expect(await loadProblem()).toMatch(/the main registration .* has url: null/)
    await writeConformanceConfig(dir, regs)
    await writeFile(join(dir, written.files.noUrl), renderRegistration({ ...regs.noUrl, url: 'http://127.0.0.1:9' }))
    expect(await loadProblem()).toMatch(/the no-url registration .* must have url: null/)
  })

  it('needs distinct ids and as_tokens', async () => {
    const regs = registrations()
    const written = await writeConformanceConfig(dir, regs)
    await writeFile(join(dir, written.files.unreachable), renderRegistration({ ...regs.unreachable, as_token: regs.main.as_token }))
    const message = await loadProblem()
    expect(message).toMatch(/must have distinct ids and as_tokens/)
    expect(message).not.toContain(regs.main.as_token)
  })
})
