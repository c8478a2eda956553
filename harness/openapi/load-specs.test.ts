import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import SwaggerParser from '@apidevtools/swagger-parser'
import { loadSpecs, loadVendoredSpecs, type PingSpecs } from './load-specs.js'

const SPECS_DIR = fileURLToPath(new URL('../../specs/', import.meta.url))

describe('vendored spec files', () => {
  it.each(['client-server/appservice_ping.yaml', 'application-service/ping.yaml'])('%s passes SwaggerParser.validate', async (file) => {
    const api = await SwaggerParser.validate(join(SPECS_DIR, file))
    expect(api).toHaveProperty('swagger', '2.0')
  })
})

describe('loadSpecs', () => {
  let specs: PingSpecs
  beforeAll(async () => {
    specs = await loadSpecs()
  })

  it('exposes exactly the two ping operations', () => {
    expect(Object.keys(specs.operations).sort()).toEqual(['ping', 'pingAppservice'])
  })

  it('describes pingAppservice as in the spec change', () => {
    const op = specs.operations.pingAppservice
    expect(op.operationId).toBe('pingAppservice')
    expect(op.method).toBe('post')
    expect(op.path).toBe('/_matrix/client/v1/appservice/{appserviceId}/ping')
    expect(op.addedInMatrixVersion).toBe('1.7')
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '403', '502', '504'])
    expect(op.responses['200']?.description).toBe('The ping was successful.')
    expect(op.requestSchema).toMatchObject({
      type: 'object',
      properties: { transaction_id: { type: 'string' } },
    })
  })

  it('describes ping as in the spec change', () => {
    const op = specs.operations.ping
    expect(op.operationId).toBe('ping')
    expect(op.method).toBe('post')
    expect(op.path).toBe('/_matrix/app/v1/ping')
    expect(op.addedInMatrixVersion).toBe('1.7')
    expect(Object.keys(op.responses)).toEqual(['200'])
    expect(op.responses['200']).toMatchObject({
      description: 'The provided `hs_token` is valid and the ping request was successful.',
      schema: { type: 'object' },
      examples: { 'application/json': {} },
    })
    expect(op.requestSchema).toMatchObject({ properties: { transaction_id: { type: 'string' } } })
  })

  it('resolves $ref to the shared error schema', () => {
    for (const status of ['400', '403', '504']) {
      const schema = specs.operations.pingAppservice.responses[status]?.schema
      expect(schema).not.toHaveProperty('$ref')
      expect(schema).toMatchObject({
        type: 'object',
        required: ['errcode'],
        properties: { errcode: { type: 'string' }, error: { type: 'string' } },
      })
    }
  })

  it('keeps the 502 schema with its errcode enum and debugging fields', () => {
    expect(specs.operations.pingAppservice.responses['502']?.schema).toMatchObject({
      required: ['errcode'],
      properties: {
        errcode: { enum: ['M_BAD_STATUS', 'M_CONNECTION_FAILED'] },
        status: { type: 'integer' },
        body: { type: 'string' },
      },
    })
  })

  it('keeps the 200 response of pingAppservice without required fields, as in 9dd9639dd7', () => {
    const schema = specs.operations.pingAppservice.responses['200']?.schema
    expect(schema).toMatchObject({ properties: { duration_ms: { type: 'integer' } } })
    expect(schema).not.toHaveProperty('required')
  })

  it('loads the same specs without the schema validation for a run (loadVendoredSpecs)', async () => {
    expect(await loadVendoredSpecs()).toEqual(specs)
  })

  it('caches the load per directory', async () => {
    expect(loadSpecs()).toBe(loadSpecs())
    expect(loadSpecs(SPECS_DIR)).toBe(loadSpecs(`${SPECS_DIR}/.`))
    expect(await loadSpecs(SPECS_DIR)).toEqual(specs)
  })
})

describe('loadSpecs failures', () => {
  let workDir: string
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'load-specs-'))
  })
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true })
  })

  /** Copies the real specs to a fresh directory and lets the test break one file. */
  async function brokenCopy(name: string, file: string, edit: (text: string) => string) {
    const dir = join(workDir, name)
    await cp(SPECS_DIR, dir, { recursive: true })
    const target = join(dir, file)
    await writeFile(target, edit(await readFile(target, 'utf8')))
    return { dir, target }
  }

  async function loadError(dir: string): Promise<Error> {
    const err = await loadSpecs(dir).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(Error)
    return err as Error
  }

  it('names the missing file in a one-line message', async () => {
    const dir = join(workDir, 'empty')
    const err = await loadError(dir)
    expect(err.message).toMatch(/^Cannot load OpenAPI spec .*(appservice_ping|ping)\.yaml: /)
    expect(err.message).not.toContain('\n')
  })

  it('names a file that is not valid YAML', async () => {
    const { dir, target } = await brokenCopy('bad-yaml', 'application-service/ping.yaml', (t) => t.replace('paths:', 'paths: [\n'))
    const err = await loadError(dir)
    expect(err.message).toContain(target)
    expect(err.message).not.toContain('\n')
  })

  it('names a file that breaks the Swagger 2.0 schema', async () => {
    const { dir, target } = await brokenCopy('bad-schema', 'client-server/appservice_ping.yaml', (t) =>
      t.replace('          description: The ping was successful.\n', ''),
    )
    const err = await loadError(dir)
    expect(err.message).toContain(target)
    expect(err.message).toContain('validation failed')
    expect(err.message).not.toContain('\n')
  })

  it('names a file whose operationId is not the expected one', async () => {
    const { dir, target } = await brokenCopy('renamed-op', 'application-service/ping.yaml', (t) => t.replace('operationId: ping', 'operationId: pong'))
    const err = await loadError(dir)
    expect(err.message).toBe(`Cannot load OpenAPI spec ${target}: expected exactly one POST operation "ping", found 0`)
  })

  it('does not cache a failed load', async () => {
    const { dir, target } = await brokenCopy('fixed-later', 'application-service/ping.yaml', (t) => t.replace('operationId: ping', 'operationId: pong'))
    await loadError(dir)
    await writeFile(target, await readFile(join(SPECS_DIR, 'application-service/ping.yaml'), 'utf8'))
    await expect(loadSpecs(dir)).resolves.toHaveProperty('operations.ping.path', '/_matrix/app/v1/ping')
  })
})
