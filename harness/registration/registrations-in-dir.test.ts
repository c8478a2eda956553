import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { renderRegistration } from './appservice-registration.js'
import { writeConformanceConfig } from './conformance-config.js'
import { createConformanceRegistrations } from './conformance-registrations.js'
import { loadRegistrationsIn } from './registrations-in-dir.js'

let dir: string
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'asp-regs-'))))
afterEach(() => rm(dir, { recursive: true, force: true }))

it('loads the registrations init writes, and nothing else of the directory (its config, its .gitignore)', async () => {
  const registrations = createConformanceRegistrations({ asUrl: 'http://127.0.0.1:9000' })
  await writeConformanceConfig(dir, registrations)
  await writeFile(join(dir, 'notes.txt'), 'not a registration')
  const loaded = await loadRegistrationsIn(dir)
  expect(loaded.map((r) => r.id).sort()).toEqual(
    Object.values(registrations)
      .map((r) => r.id)
      .sort(),
  )
  expect(loaded.find((r) => r.id === registrations.main.id)).toEqual(registrations.main)
})

it('refuses two registrations with one id, or one as_token, naming both files and never the token', async () => {
  const { main, noUrl } = createConformanceRegistrations({ asUrl: 'http://127.0.0.1:9000' })
  await writeFile(join(dir, 'a.yaml'), renderRegistration(main))
  await writeFile(join(dir, 'b.yml'), renderRegistration({ ...noUrl, id: main.id }))
  await expect(loadRegistrationsIn(dir)).rejects.toThrow(`registrations a.yaml and b.yml in ${dir} have the same id '${main.id}'`)
  await writeFile(join(dir, 'b.yml'), renderRegistration({ ...noUrl, as_token: main.as_token }))
  await expect(loadRegistrationsIn(dir)).rejects.toThrow(new RegExp(`^registrations a\\.yaml and b\\.yml in .* have the same as_token$`))
})
