// A Stryker ignore-plugin (see docs/mutation-testing.md): it ignores mutants inside the
// human-readable `error` text of a Matrix error answer, and nothing else on the same line.
//
// Why a plugin and not `// Stryker disable next-line StringLiteral`: that directive works per
// line, and the error text shares its line with the errcode (`new MatrixError(401,
// 'M_MISSING_TOKEN', 'Missing access token')`), so it would hide the errcode mutants too.
// `mutator.excludedMutations` is per mutator for the whole run, broader still.
//
// The spec types `error` as "A human-readable error message" with no fixed value, so a mutant
// that empties or replaces it is still a correct answer: no conformance check may kill it.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin'

const reason = 'human-readable error text: the spec fixes no value for `error`'

/** The name of an object property's key, for `error: …` and `'error': …`. */
function keyName(property) {
  if (property.type !== 'ObjectProperty' || property.computed) return undefined
  if (property.key.type === 'Identifier') return property.key.name
  if (property.key.type === 'StringLiteral') return property.key.value
  return undefined
}

/** Where a Matrix error constructor takes its `error` text, by argument position (status, errcode, error). */
const errorArgumentIndex = { MatrixError: 2 }

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'matrix-error-text', {
    shouldIgnore(path) {
      const parent = path.parentPath
      if (!parent) return undefined
      const { node } = parent
      // `new MatrixError(status, errcode, error, extra)`: the third argument.
      if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name in errorArgumentIndex) {
        return node.arguments[errorArgumentIndex[node.callee.name]] === path.node ? reason : undefined
      }
      // `{ errcode: …, error: … }` written out: the value of `error`, only next to an `errcode`.
      if (node.type === 'ObjectProperty' && node.value === path.node && keyName(node) === 'error') {
        const object = parent.parentPath?.node
        return object?.type === 'ObjectExpression' && object.properties.some((p) => keyName(p) === 'errcode') ? reason : undefined
      }
      return undefined
    },
  }),
]
