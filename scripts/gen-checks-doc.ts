import { requirementDocs } from '../harness/requirements/generated-docs'
import { writeGeneratedDocs } from './support/write-generated-docs'

// Writes docs/checks.md and the README's policy table from the registry and the policy rows, so neither can drift from the code.
writeGeneratedDocs(requirementDocs)
