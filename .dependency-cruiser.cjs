/**
 * The layers, checked on every `npm test` (test/layers.test.ts): each folder imports only the ones
 * below it, and nothing imports in a cycle. docs/CONTRIBUTING.md draws them.
 *
 *   bin → cli → runner → suites → harness        library → suites, harness
 *   reports render a finished run report          fixtures: the reference servers and their variants,
 *   scripts, bench → anything but test/           reached from cli/ through fixtures/registry.ts only
 *
 * Each rule's comment says why; `npm run docs:layers` writes the table in docs/CONTRIBUTING.md from them.
 */
const product = '^(bin|cli|runner|suites|harness|reports|library|index\\.ts)'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'no import cycles, type-only ones included', from: {}, to: { circular: true } },
    {
      name: 'product-not-test',
      severity: 'error',
      comment: "product code never imports the project's tests (its own unit tests beside it may share test/support)",
      from: { path: product, pathNot: '\\.test\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'product-not-fixtures',
      severity: 'error',
      comment: 'product code reaches the reference servers and their variants only through the one registry (fixtures/registry.ts)',
      from: { path: product },
      to: { path: '^fixtures/', pathNot: '^fixtures/registry\\.ts$' },
    },
    {
      name: 'registry-for-cli-only',
      severity: 'error',
      comment: 'only the CLI starts reference servers (`reference`, and `serve` of the package issue); the rest of the product never needs them',
      from: { path: product, pathNot: '^cli/' },
      to: { path: '^fixtures/registry\\.ts$' },
    },
    {
      name: 'tools-not-test',
      severity: 'error',
      comment: 'scripts and benchmarks share helpers with the tests through scripts/support/, never by importing test/',
      from: { path: '^(scripts|bench)/' },
      to: { path: '^test/' },
    },
    {
      name: 'harness-is-the-bottom',
      severity: 'error',
      comment: 'harness/ (clients, stub, mock homeserver, assertions, registry) imports no layer above it',
      from: { path: '^harness/' },
      to: { path: '^(bin|cli|runner|suites|reports|library|fixtures)/' },
    },
    {
      name: 'suites-above-harness-only',
      severity: 'error',
      comment: 'a check imports the harness, nothing above it',
      from: { path: '^suites/' },
      to: { path: '^(bin|cli|runner|reports|library|fixtures)/' },
    },
    {
      name: 'runner-below-cli',
      severity: 'error',
      comment: 'the runner knows nothing of the CLI, the library or the fixtures',
      from: { path: '^runner/' },
      to: { path: '^(bin|cli|library|fixtures)/' },
    },
    {
      name: 'reports-render-only',
      severity: 'error',
      comment:
        "reports render a finished run report and decide nothing: from the other layers they import only the types of the report's model (the verdict is runner/build-run-report.ts)",
      from: { path: '^reports/' },
      to: { path: '^(runner|harness)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'reports-know-no-commands',
      severity: 'error',
      comment: 'the report model needs nothing of the CLI, the checks, the library or the fixtures, not even their types',
      from: { path: '^reports/' },
      to: { path: '^(bin|cli|suites|library|fixtures)/' },
    },
    {
      name: 'library-not-cli',
      severity: 'error',
      comment: 'the library (in-process use) needs no CLI',
      from: { path: '^library/' },
      to: { path: '^(bin|cli|fixtures)/' },
    },
    {
      name: 'fixtures-not-product',
      severity: 'error',
      comment: "the reference servers stand apart from the suite that grades them: only the harness's shared types and helpers",
      from: { path: '^fixtures/' },
      to: { path: '^(bin|cli|runner|suites|reports|library|test)/' },
    },
    {
      name: 'variants-not-variant-lists',
      severity: 'error',
      comment:
        "a variant (or a helper it imports) never imports a folder's list of variants: each index.ts awaits the import of every module beside it (fixtures/support/variants-in-folder.ts), so that import would deadlock silently, and `no-cycles` cannot see the dynamic edge; a variant imports another by its file",
      from: { path: '^fixtures/((broken|conformant)-(homeservers|appservices)|support)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^fixtures/(broken|conformant)-(homeservers|appservices)/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
}
