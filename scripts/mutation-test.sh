#!/bin/sh
# The test StrykerJS's command runner runs for every mutant (stryker.config.mjs, docs/mutation-testing.md):
# the full conformance run against the reference implementations, with --strict so that SHOULD
# warnings kill too. Exit code 0 = the mutant survived; anything else = killed.
#
# Stryker passes the active mutant in __STRYKER_ACTIVE_MUTANT__; every process of the run inherits
# it (the CLI, its vitest worker threads, the spawned reference appservice). To halve the time, a
# mutant is tested by the suite that can observe it: the homeserver suite plays a stub appservice
# and never talks to the reference appservice, and the appservice suite plays a mock homeserver
# and never talks to the reference homeserver. A mutant in shared code (matrix-error.ts,
# parse-json-object.ts), the dry run (no mutant), or a mutant this script cannot place gets both suites.
set -eu

role=both
mutant="${__STRYKER_ACTIVE_MUTANT__:-}"
if [ -n "$mutant" ]; then
  # How Stryker 9's instrumenter switches a mutant on: stryMutAct_9fa48("<id>") (instrumenter/dist/src/util/syntax-helpers.js).
  marker="stryMutAct_9fa48(\"$mutant\")"
  if grep -qF "$marker" fixtures/reference-homeserver/matrix-error.ts fixtures/reference-homeserver/parse-json-object.ts 2>/dev/null; then
    role=both
  elif grep -qF "$marker" fixtures/reference-appservice/*.ts 2>/dev/null; then
    role=appservice
  elif grep -qF "$marker" fixtures/reference-homeserver/*.ts 2>/dev/null; then
    role=homeserver
  fi
fi

# --hs-timeout-ms 5000: the reference homeserver's appservice timeout. With the default 1500 ms, on a
# machine loaded by other jobs, HS-PING-CONCURRENT's delayed pings were answered 504: kills by load,
# not by the mutant. The 504 check overlaps all others, so this costs about 3 s per homeserver run.
exec node bin/as-ping-conformance.js reference --strict --role "$role" --hs-timeout-ms 5000
