import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../harness/package-files.js'

/** The package version, shown in every report. */
export const toolVersion: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version
