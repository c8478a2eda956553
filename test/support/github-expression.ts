/**
 * The part of GitHub Actions' expression language the project's action and examples use, evaluated
 * as the runner does, so that tests can run a `${{ … }}` or an `if:` instead of matching its text:
 * literals, context paths (`inputs.hs-url`, `steps.run.outputs.verdict`), `!`, `==`, `!=`, `&&`,
 * `||`, parentheses and the functions the caller supplies. As on GitHub, a missing property is
 * null, strings compare case-insensitively, and `&&`/`||` give one of their operands.
 */

export type Contexts = Readonly<Record<string, unknown>>
type Functions = Readonly<Record<string, (...args: unknown[]) => unknown>>

const token = /\s*(?:('(?:[^']|'')*')|(-?\d+(?:\.\d+)?)|(==|!=|&&|\|\||[!().,[\]])|([A-Za-z_][\w-]*))/y

function tokenize(expression: string): string[] {
  const tokens: string[] = []
  token.lastIndex = 0
  while (token.lastIndex < expression.trimEnd().length) {
    const at = token.lastIndex
    const match = token.exec(expression)
    if (!match) throw new Error(`cannot read the expression at ${at}: ${expression}`)
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!)
  }
  return tokens
}

function truthy(value: unknown): boolean {
  return !(value === false || value === 0 || value === '' || value === null || value === undefined || Number.isNaN(value))
}

function looseEqual(a: unknown, b: unknown): boolean {
  const left = a ?? null
  const right = b ?? null
  if (typeof left === 'string' && typeof right === 'string') return left.toLowerCase() === right.toLowerCase()
  if (typeof left === typeof right) return left === right
  return Number(left) === Number(right)
}

/** The value of one expression (without the `${{ }}`). */
function evaluate(expression: string, contexts: Contexts, functions: Functions = {}): unknown {
  const tokens = tokenize(expression)
  let at = 0
  const peek = (): string | undefined => tokens[at]
  const take = (expected?: string): string => {
    const next = tokens[at++]
    if (next === undefined || (expected !== undefined && next !== expected)) throw new Error(`expected ${expected ?? 'more'} in: ${expression}`)
    return next
  }
  const or = (): unknown => {
    let value = and()
    while (peek() === '||') {
      take()
      const right = and()
      value = truthy(value) ? value : right
    }
    return value
  }
  const and = (): unknown => {
    let value = comparison()
    while (peek() === '&&') {
      take()
      const right = comparison()
      value = truthy(value) ? right : value
    }
    return value
  }
  const comparison = (): unknown => {
    const left = unary()
    const operator = peek()
    if (operator !== '==' && operator !== '!=') return left
    take()
    const equal = looseEqual(left, unary())
    return operator === '==' ? equal : !equal
  }
  const unary = (): unknown => {
    if (peek() !== '!') return primary()
    take()
    return !truthy(unary())
  }
  const primary = (): unknown => {
    const next = take()
    if (next === '(') {
      const value = or()
      take(')')
      return value
    }
    if (next.startsWith("'")) return next.slice(1, -1).replaceAll("''", "'")
    if (/^-?\d/.test(next)) return Number(next)
    if (next === 'true' || next === 'false') return next === 'true'
    if (next === 'null') return null
    if (peek() === '(') return call(next)
    let value: unknown = contexts[next]
    while (peek() === '.' || peek() === '[') {
      let key: string
      if (take() === '.') key = take()
      else {
        key = String(or())
        take(']')
      }
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
    }
    return value ?? null
  }
  const call = (name: string): unknown => {
    take('(')
    const args: unknown[] = []
    while (peek() !== ')') {
      args.push(or())
      if (peek() === ',') take(',')
    }
    take(')')
    const fn = functions[name]
    if (!fn) throw new Error(`no function ${name}() in this evaluation: ${expression}`)
    return fn(...args)
  }
  const value = or()
  if (at !== tokens.length) throw new Error(`unexpected '${tokens[at]}' in: ${expression}`)
  return value
}

/** A string with each `${{ … }}` replaced by its value, as the runner does for `env:`, `with:` and outputs. */
export function substitute(text: string, contexts: Contexts, functions: Functions = {}): string {
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, expression: string) => {
    const value = evaluate(expression, contexts, functions)
    if (value === null || value === undefined) return ''
    // Numbers and booleans print as JSON does; objects as JSON, as toJSON() gives them.
    return typeof value === 'string' ? value : JSON.stringify(value)
  })
}

const statusFunctions = ['success', 'failure', 'always', 'cancelled']

/**
 * Whether a step with this `if:` runs, given whether the steps before it succeeded: as on GitHub, a
 * condition that calls no status function means `success() && (condition)`.
 */
export function stepRuns(condition: string | undefined, contexts: Contexts, options: { earlierStepsSucceeded: boolean; functions?: Functions }): boolean {
  const expression = (condition ?? 'success()').replace(/^\s*\$\{\{(.*)\}\}\s*$/s, '$1')
  const functions: Functions = {
    success: () => options.earlierStepsSucceeded,
    failure: () => !options.earlierStepsSucceeded,
    always: () => true,
    cancelled: () => false,
    ...options.functions,
  }
  const callsStatus = statusFunctions.some((name) => new RegExp(`\\b${name}\\s*\\(`).test(expression))
  return truthy(evaluate(callsStatus ? expression : `success() && (${expression})`, contexts, functions))
}
