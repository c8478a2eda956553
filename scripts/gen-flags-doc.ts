import { flagDocs } from '../cli/flag-tables.js'
import { writeGeneratedDocs } from './support/write-generated-docs.js'

// Writes docs/flags.md's flag tables from the CLI's definition, so they cannot drift from --help.
writeGeneratedDocs(flagDocs)
