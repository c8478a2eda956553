// Mutation testing of the reference implementations' ping handlers, with the conformance suite
// itself as the test that must kill each mutant. Why the command runner, what is mutated and what
// is excluded: docs/mutation-testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'command',
  commandRunner: {
    // The honest test: the conformance run against the reference implementations, --strict, for
    // the suite that can observe the mutant; see the script.
    command: 'sh scripts/mutation-test.sh',
  },
  // The command runner sees one test ("all") and no coverage: every mutant gets the whole run.
  coverageAnalysis: 'off',
  // The ping handlers of the reference implementations (not their set-up, process wiring or other endpoints).
  mutate: [
    'fixtures/reference-homeserver/ping-behaviour.ts',
    'fixtures/reference-homeserver/reference-homeserver.ts',
    'fixtures/reference-homeserver/matrix-error.ts',
    'fixtures/reference-homeserver/parse-json-object.ts',
    'fixtures/reference-appservice/appservice-behaviour.ts',
    'fixtures/reference-appservice/reference-appservice.ts',
    'fixtures/reference-appservice/appservice-answer.ts',
  ],
  // Mutants inside the human-readable `error` text of a Matrix error (and only those).
  appendPlugins: ['./scripts/stryker-error-text-ignorer.mjs'],
  ignorers: ['matrix-error-text'],
  // Every mutant runs in a fresh CLI process, so static mutants (module-level code) are tested too.
  ignoreStatic: false,
  disableTypeChecks: true,
  // 2 cores, shared.
  concurrency: 2,
  // A mutant is a timeout after 1.5 × the clean run + 20 s. Generous on purpose: on a busy machine a
  // slow but passing run must not be counted as a (detected) timeout.
  timeoutFactor: 1.5,
  timeoutMS: 20_000,
  // Stryker copies the project into .stryker-tmp/sandbox-*/ (node_modules is symlinked); the CLI
  // finds suites/, specs/, harness/ from its own location there. Leave out what it does not need.
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['/out', '/.tmp', '/.tmp-*', '/test', '*.log'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'out/mutation/mutation.html' },
  jsonReporter: { fileName: 'out/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  thresholds: { high: 95, low: 90, break: 90 },
}
