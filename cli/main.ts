import { describeEndpoint } from '../harness/openapi/ping-endpoints.js'
import { Command, CommanderError } from 'commander'
import { HarnessError, UsageError } from '../harness/usage-error.js'
import { ExitCode } from '../runner/exit-code.js'
import { defaultLoadConcurrency } from '../runner/default-load-concurrency.js'
import { readEnvBooleans } from './option-sources.js'
import { applyConfigFile } from './apply-config-file.js'
// Types only: each command's module (and what it loads, vitest among them) is imported when it runs, so --help and --version load none.
import type { DoctorOptions } from './commands/doctor.js'
import type { AppserviceCommandOptions } from './commands/appservice.js'
import type { HomeserverCommandOptions } from './commands/homeserver.js'
import type { InitOptions } from './commands/init.js'
import type { RunFinishOptions } from './finish-run.js'
import type { ReferenceCommandOptions } from './commands/reference.js'
import { defaultSpawnWaitSeconds } from './default-spawn-wait.js'
import type { CompareOptions } from './commands/compare.js'
import { referenceRoleChoices } from './reference-roles.js'
import { commanderErrorLine } from './commander-error-line.js'
import { misspeltFlagError } from './misspelt-flag.js'
import { commandPath, invokedCommand } from './invoked-command.js'
import { checkReportPaths } from './report-paths.js'
import {
  maxTimeoutMs,
  parseFailOn,
  parseHttpUrl,
  parseIdPrefix,
  parseIdList,
  parseLabel,
  parseListen,
  parsePositiveInt,
  parseReports,
  parseShard,
  parseTimeoutMs,
  parseVersion,
  type ReportTargets,
} from './option-parsers.js'
import { processOutput, type Output } from './output.js'
import { listenForInterrupt } from './interruption.js'
import { toolVersion } from '../runner/tool-version.js'
import { defaultHsTimeoutMs } from './default-hs-timeout.js'
import { option } from './env-option.js'
import { addServeCommand } from './commands/serve.js'

/** The reference homeserver's appservice timeout in `npm start`: short, so the full run is quick. */
const referenceHsTimeoutMs = 1_500

const common = {
  strict: () => option('--strict', 'treat SHOULD warnings as failures (exit 1)').default(false),
  only: () => option('--only <ids>', 'run only these checks (comma-separated ids; see `list`)').argParser(parseIdList),
  report: () =>
    option('--report <targets>', 'write reports: json=FILE,junit=FILE,html=FILE,markdown=FILE (any of them; given again, adds more)').argParser(parseReports),
  shard: () => option('--shard <index/count>', 'run only part of the checks, e.g. 1/3, and merge the JSON reports with `merge`').argParser(parseShard),
  userTokenFile: () => option('--user-token-file <file>', 'read --user-token from this file (a mounted secret)').conflicts('userToken'),
  stubPublicUrl: () =>
    option(
      '--stub-public-url <url>',
      "the URL the homeserver reaches the stub at, when it differs from --listen (default: the main registration's url)",
    ).argParser(parseHttpUrl),
  hsTimeoutMs: () =>
    option('--hs-timeout-ms <n>', `how long the homeserver waits for an appservice (at most ${maxTimeoutMs}); the run's deadlines follow it`)
      .argParser(parseTimeoutMs)
      .default(defaultHsTimeoutMs),
  caFile: () => option('--ca-file <file>', 'also trust this PEM CA for an https homeserver (staging with a private CA)'),
  insecure: () => option('--insecure', "do not verify the homeserver's TLS certificate (throwaway servers only)").default(false),
  specVersion: () => option('--spec-version <version>', 'grade against this spec version (default: the newest the target advertises)').argParser(parseVersion),
  load: () => option('--load <n>', 'also send N pings of mixed outcomes under concurrency and check each answer (HS-PING-LOAD)').argParser(parsePositiveInt),
  concurrency: () => option('--concurrency <n>', `pings in flight at a time under --load (default ${defaultLoadConcurrency})`).argParser(parsePositiveInt),
}

/** Flags of every command that grades a run: expectations, baseline, what fails the run. */
const grading = {
  expectations: () => option('--expectations <file>', 'YAML/JSON of known failures: check id → expect (fail|flaky|skip), reason, until'),
  updateExpectations: () => option('--update-expectations', 'rewrite the --expectations file from this run').default(false),
  baseline: () => option('--baseline <file>', 'a JSON report of an earlier run: report newly failing, newly passing and changed checks'),
  failOn: () =>
    option('--fail-on <what>', 'any: every failure fails the run; regressions: only failures new since --baseline').argParser(parseFailOn).default('any'),
  history: () => option('--history <file>', "append the run's summary and per-check statuses to this JSON Lines file (for `compare --history`)"),
}

/** The CLI's commands and flags (exported for tests that check what the docs and examples call). */
export function buildProgram(output: Output, setExitCode: (code: number) => void): Command {
  const program = new Command('as-ping-conformance')
    .description('Conformance tests for the Matrix appservice ping (MSC2659, spec v1.7+)')
    .version(toolVersion)
    .showHelpAfterError(false)
    // main() prints commander's errors itself: one line, with a fix.
    .configureOutput({ writeOut: (text) => output.out(text), writeErr: (text) => output.err(text), outputError: () => undefined })
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .addOption(option('--config-file <file>', 'read flags from this YAML/JSON file (keys are flag names; ${VAR} reads the environment)'))
    .hook('preSubcommand', (root, command) => applyConfigFile(root, command))
    .hook('preAction', (_root, command) => {
      readEnvBooleans(command)
      // Before the run, so that minutes of checks never end in a report that cannot be written.
      const report = command.opts().report as ReportTargets | undefined
      if (report) checkReportPaths(report)
    })

  program
    .command('init')
    .description('write appservice registrations for a homeserver run, with fresh tokens')
    .addOption(option('--as-url <url>', "URL where the homeserver will reach the suite's stub appservice").argParser(parseHttpUrl).makeOptionMandatory())
    .addOption(option('--out <dir>', 'directory to write the registrations and config into').makeOptionMandatory())
    .addOption(option('--unreachable-url <url>', 'url of the registration nobody listens on (default: the --as-url host, port 1)').argParser(parseHttpUrl))
    .addOption(option('--force', 'replace an existing config in --out').default(false))
    .addOption(
      option('--id-prefix <prefix>', 'start the registration ids with this (default as-ping-conformance); one set per shard of a sharded run').argParser(
        parseIdPrefix,
      ),
    )
    .action(async (opts: InitOptions) => setExitCode(await (await import('./commands/init.js')).initCommand(opts, output)))

  program
    .command('homeserver')
    .description(`test a homeserver's ${describeEndpoint('pingAppservice')}`)
    .addOption(option('--hs-url <url>', "the homeserver's client-server API base URL").argParser(parseHttpUrl).makeOptionMandatory())
    .addOption(option('--config <dir>', 'the directory `init` wrote').makeOptionMandatory())
    .addOption(option('--listen <host:port>', 'where the stub appservice listens (default: 127.0.0.1 and the port of --as-url)').argParser(parseListen))
    .addOption(option('--user-token <token>', "an ordinary user's access token (without it, HS-PING-USER-TOKEN is skipped)"))
    .addOption(common.hsTimeoutMs())
    .addOption(common.specVersion())
    .addOption(option('--assume-version <version>', 'run even if the target does not advertise v1.7, as if it advertised this').argParser(parseVersion))
    .addOption(common.strict())
    .addOption(common.only())
    .addOption(common.report())
    .addOption(common.load())
    .addOption(common.concurrency())
    .addOption(common.userTokenFile())
    .addOption(common.stubPublicUrl())
    .addOption(common.caFile())
    .addOption(common.insecure())
    .addOption(common.shard())
    .addOption(grading.expectations())
    .addOption(grading.updateExpectations())
    .addOption(grading.baseline())
    .addOption(grading.failOn())
    .addOption(grading.history())
    .action(async (opts: HomeserverCommandOptions) => setExitCode(await (await import('./commands/homeserver.js')).homeserverCommand(opts, output)))

  program
    .command('appservice')
    .description("test an appservice's POST /_matrix/app/v1/ping, and its own call to the homeserver's ping (docs/appservice-run.md)")
    .addOption(option('--as-url <url>', "where the appservice listens (default: the registration's url)").argParser(parseHttpUrl))
    .addOption(option('--registration <file>', "the appservice's registration YAML: its hs_token, as_token and id"))
    .addOption(option('--hs-token <token>', 'the hs_token it expects (instead of --registration)'))
    .addOption(option('--as-token <token>', 'its as_token, to check its own ping (with --as-id)'))
    .addOption(option('--as-id <id>', 'its registration id, to check its own ping (with --as-token)'))
    .addOption(
      option(
        '--spawn <command>',
        'start the appservice with this shell command (CONFORMANCE_* variables tell it where), restart it per fault, stop it at the end',
      ),
    )
    .addOption(
      option(
        '--wait-for-ping <seconds>',
        `how long to wait for the appservice's own ping: after each --spawn start (default ${defaultSpawnWaitSeconds}), or for one you start (default 0: not at all)`,
      ).argParser(parsePositiveInt),
    )
    .addOption(
      option(
        '--expect-ping',
        'the appservice pings its homeserver as it starts: with --spawn, seeing no ping is then a warning (AS-CLIENT-PINGS) instead of skipping its client checks',
      ).default(false),
    )
    .addOption(option('--hs-listen <host:port>', 'where the mock homeserver listens (default 127.0.0.1, a free port)').argParser(parseListen))
    .addOption(option('--survival-grace-ms <n>', 'how long after a homeserver fault the appservice must still be up').argParser(parsePositiveInt))
    .addOption(common.strict())
    .addOption(common.only())
    .addOption(common.report())
    .addOption(grading.expectations())
    .addOption(grading.updateExpectations())
    .addOption(grading.baseline())
    .addOption(grading.failOn())
    .addOption(grading.history())
    .action(async (opts: AppserviceCommandOptions) => setExitCode(await (await import('./commands/appservice.js')).appserviceCommand(opts, output)))

  program
    .command('reference')
    .description('the full homeserver and appservice runs against the built-in reference homeserver and appservice (npm start)')
    .addOption(option('--hs-timeout-ms <n>', "the reference homeserver's appservice timeout").argParser(parseTimeoutMs).default(referenceHsTimeoutMs))
    .addOption(
      option(
        '--variant <name>',
        'run the homeserver suite against a broken, conformant or hostile variant of the reference homeserver instead (an unknown name lists them)',
      ),
    )
    .addOption(
      option(
        '--appservice-variant <name>',
        'run the appservice suite against a broken or conformant variant of the reference appservice instead (an unknown name lists them)',
      ),
    )
    .addOption(
      option('--role <role>', 'which suites to run (default: both, or the role that --variant, --appservice-variant, --only or --load points at)').choices([
        ...referenceRoleChoices,
      ]),
    )
    .addOption(common.specVersion())
    .addOption(common.strict())
    .addOption(common.only())
    .addOption(common.report())
    .addOption(common.load())
    .addOption(common.concurrency())
    .addOption(common.shard())
    .addOption(grading.expectations())
    .addOption(grading.updateExpectations())
    .addOption(grading.baseline())
    .addOption(grading.failOn())
    .addOption(grading.history())
    .action(async (opts: ReferenceCommandOptions) => setExitCode(await (await import('./commands/reference.js')).referenceCommand(opts, output)))

  program
    .command('doctor')
    .description('check the set-up a homeserver run needs: reachability, TLS, versions, tokens, and that the homeserver reaches the stub')
    .addOption(option('--hs-url <url>', "the homeserver's client-server API base URL").argParser(parseHttpUrl).makeOptionMandatory())
    .addOption(option('--config <dir>', 'the directory `init` wrote').makeOptionMandatory())
    .addOption(
      option('--listen <host:port>', "where the stub appservice listens (default: 127.0.0.1 and the port of the stub's public url)").argParser(parseListen),
    )
    .addOption(common.stubPublicUrl())
    .addOption(option('--user-token <token>', "an ordinary user's access token, to check it too"))
    .addOption(common.userTokenFile())
    .addOption(common.hsTimeoutMs())
    .addOption(common.caFile())
    .addOption(common.insecure())
    .addOption(common.specVersion())
    .addOption(option('--assume-version <version>', 'accept a target that does not advertise v1.7').argParser(parseVersion))
    .action(async (opts: DoctorOptions) => setExitCode(await (await import('./commands/doctor.js')).doctorCommand(opts, output)))

  program
    .command('merge')
    .description("combine the JSON reports of a sharded run (--shard) into one run's console output, reports and exit code")
    .argument('<reports...>', 'the JSON report of every shard')
    .addOption(common.report())
    .addOption(grading.expectations())
    .addOption(grading.updateExpectations())
    .addOption(grading.baseline())
    .addOption(grading.failOn())
    .addOption(grading.history())
    .action(async (files: string[], opts: RunFinishOptions) => setExitCode(await (await import('./commands/merge.js')).mergeCommand(files, opts, output)))

  program
    .command('compare')
    .description('put the JSON reports of different targets side by side: a column per target, a row per check, the scores per level (docs/usage.md)')
    .argument('[reports...]', 'the JSON report of each target (--report json=FILE)')
    .addOption(option('--label <name=file>', "a target's column name (default: the file's name); given again, labels another").argParser(parseLabel))
    .addOption(option('--report <targets>', 'write the comparison: html=FILE,markdown=FILE (either or both)').argParser(parseReports))
    .addOption(option('--disagreements-first', 'put the checks where the targets disagree first, in a group of their own').default(false))
    .addOption(option('--history <file>', 'a file written by --history: draw the trend per level and mark the checks that flipped more than once as flaky'))
    .action(async (files: string[], opts: CompareOptions) => setExitCode(await (await import('./commands/compare.js')).compareCommand(files, opts, output)))

  addServeCommand(program, output, setExitCode)

  program
    .command('list')
    .description('list every check with its level and spec link')
    .action(async () => setExitCode(await (await import('./commands/list.js')).listCommand(output)))

  return program
}

/** Runs the CLI and resolves to the exit code; never throws, never prints a stack trace. */
export async function main(argv: readonly string[], output: Output = processOutput): Promise<number> {
  let exitCode: number = ExitCode.conforms
  const program = buildProgram(output, (code) => (exitCode = code))
  // `serve` stops on Ctrl-C by itself (until-stopped.ts): it has no run to interrupt.
  const interrupt = argv.find((arg) => !arg.startsWith('-')) === 'serve' ? undefined : listenForInterrupt(output)
  try {
    if (argv.length === 0) {
      program.outputHelp()
      output.err(`as-ping-conformance: no command given. Fix: use one of ${program.commands.map((c) => c.name()).join(', ')}.\n`)
      return ExitCode.unusable
    }
    // Ctrl-C does not wait for the run: its partial report is written, and the CLI ends (interruption.ts).
    return await Promise.race([program.parseAsync([...argv], { from: 'user' }).then(() => exitCode), ...(interrupt ? [interrupt.exitCode] : [])])
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; help shown for a usage error has said enough.
      if (error.exitCode === 0 || error.code === 'commander.help') return error.exitCode === 0 ? 0 : ExitCode.unusable
      const subcommand = invokedCommand(program, argv)
      // `serve nope` wants the group's commands, not the program's.
      const commands = (subcommand?.commands.length ? subcommand : program).commands.map((c) => c.name())
      // A misspelt required flag is the likelier story than a missing one.
      const misspelt = error.code === 'commander.missingMandatoryOptionValue' && subcommand ? misspeltFlagError(subcommand, argv) : undefined
      output.err(`${commanderErrorLine(misspelt ?? error, { commands, ...(subcommand ? { command: commandPath(subcommand) } : {}) })}\n`)
      return ExitCode.unusable
    }
    if (error instanceof UsageError) {
      output.err(`as-ping-conformance: ${oneLine(error.message)}. Fix: ${oneLine(error.remedy)}.\n`)
      return ExitCode.unusable
    }
    const message = error instanceof Error ? error.message : String(error)
    output.err(
      `as-ping-conformance: ${error instanceof HarnessError ? '' : 'internal error: '}${message.split('\n')[0]}. Fix: re-run; if it persists, report it with this line.\n`,
    )
    return ExitCode.unusable
  } finally {
    interrupt?.dispose()
  }
}

/** A message that came from a file or a target may hold line breaks; the error stays one line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ')
}
