import { writeFileSync } from 'node:fs'
import { renderChecksDoc } from '../harness/requirements/render-checks-doc'

// Writes docs/checks.md from the registry, so the list of checks can never drift from the code.
writeFileSync(new URL('../docs/checks.md', import.meta.url), renderChecksDoc())
