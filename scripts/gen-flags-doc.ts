import { flagDocs } from '../cli/flag-tables'
import { writeGeneratedDocs } from './support/write-generated-docs'

// Writes the README's flag tables from the CLI's definition, so they cannot drift from --help.
writeGeneratedDocs(flagDocs)
