// ESLint for every folder: typescript-eslint's strict and stylistic type-aware rules, the rules that
// fight the code's intended patterns turned off or adjusted (one line each says why), and
// eslint-config-prettier last so that layout is Prettier's alone (npm run format:check).
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'specs/', 'out/', '.tmp/', '.tmp-*/', '.stryker-tmp/', 'reports/mutation/'],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // noUncheckedIndexedAccess types every index as possibly undefined; `list[i]!` is how the code says the index is in range.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Counts, milliseconds and ports go into messages as they are, and a URL or its query (`?${params}`) is its string.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allow: ['Error', 'URL', 'URLSearchParams'] }],
      // One-line callbacks (`(error) => reject(error)`, commander actions), `return void list.push(…)` and `return answer(res)` in a void handler are the code's idiom.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidOperator: true, ignoreVoidReturningFunctions: true },
      ],
      // `const { dropped: _dropped, ...rest } = value` is how the code leaves a key out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // The suite escapes the control characters a target sends (excerpts, reports): matching them is the point.
      'no-control-regex': 'off',
      // Fixtures and handlers override async methods without awaiting anything: `async` keeps the contract (a throw is a rejection).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests, where two rules fight the idioms of vitest.
    files: ['**/*.test.ts', 'test/support/**'],
    rules: {
      // `let setup: T` is assigned in beforeAll and closed with `setup?.close()` in afterAll, which also runs when beforeAll failed.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Tests assert on parsed reports (JSON.parse, YAML) with toEqual, and vitest types its asymmetric
      // matchers (expect.any, expect.stringMatching) as any: the no-unsafe-* rules guard product code only.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (the bin, the tool configs) is outside tsconfig.json: no type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
)
