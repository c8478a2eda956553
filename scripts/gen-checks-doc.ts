import { requirementDocs } from '../harness/requirements/generated-docs.js'
import { writeGeneratedDocs } from './support/write-generated-docs.js'

// Writes docs/checks.md and the README's policy table from the registry and the policy rows, so neither can drift from the code.
writeGeneratedDocs(requirementDocs)
