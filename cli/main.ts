import { Command, CommanderError, Option } from 'commander'
import { HarnessError, UsageError } from '../harness/usage-error'
import { ExitCode } from '../runner/exit-code'
import { homeserverCommand } from './commands/homeserver'
import { initCommand } from './commands/init'
import { listCommand } from './commands/list'
import { referenceCommand } from './commands/reference'
import { parseHttpUrl, parseIdList, parseListen, parsePositiveInt, parseReports, parseVersion } from './option-parsers'
import { processOutput, type Output } from './output'
import { toolVersion } from './tool-version'

/** Synapse waits 60 s for an appservice; the suite waits that long (plus a margin) for the 504 case. */
export const defaultHsTimeoutMs = 60_000
/** The reference homeserver's appservice timeout in `npm start`: short, so the full run is quick. */
export const referenceHsTimeoutMs = 1_500

/** Every flag can also come from the environment, for CI: --hs-url ↔ CONFORMANCE_HS_URL. */
function option(flags: string, description: string): Option {
  const long = /--([a-z-]+)/.exec(flags)![1]!
  return new Option(flags, description).env(`CONFORMANCE_${long.toUpperCase().replace(/-/g, '_')}`)
}

const common = {
  strict: () => option('--strict', 'treat SHOULD warnings as failures (exit 1)').default(false),
  only: () => option('--only <ids>', 'run only these checks (comma-separated ids; see `list`)').argParser(parseIdList),
  report: () => option('--report <targets>', 'write reports: json=FILE').argParser(parseReports),
  specVersion: () => option('--spec-version <version>', 'grade against this spec version (default: the newest the target advertises)').argParser(parseVersion),
}

function buildProgram(output: Output, setExitCode: (code: number) => void): Command {
  const program = new Command('as-ping-conformance')
    .description('Conformance tests for the Matrix appservice ping (MSC2659, spec v1.7+)')
    .version(toolVersion)
    .showHelpAfterError(false)
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .exitOverride()

  program
    .command('init')
    .description('write appservice registrations for a homeserver run, with fresh tokens')
    .addOption(option('--as-url <url>', "URL where the homeserver will reach the suite's stub appservice").argParser(parseHttpUrl).makeOptionMandatory())
    .addOption(option('--out <dir>', 'directory to write the registrations and config into').makeOptionMandatory())
    .addOption(option('--unreachable-url <url>', 'url of the registration nobody listens on (default: the --as-url host, port 1)').argParser(parseHttpUrl))
    .addOption(option('--force', 'replace an existing config in --out').default(false))
    .action(async (opts) => setExitCode(await initCommand(opts, output)))

  program
    .command('homeserver')
    .description('test a homeserver\'s POST /_matrix/client/v1/appservice/{appserviceId}/ping')
    .addOption(option('--hs-url <url>', 'the homeserver\'s client-server API base URL').argParser(parseHttpUrl).makeOptionMandatory())
    .addOption(option('--config <dir>', 'the directory `init` wrote').makeOptionMandatory())
    .addOption(option('--listen <host:port>', 'where the stub appservice listens (default: 127.0.0.1 and the port of --as-url)').argParser(parseListen))
    .addOption(option('--user-token <token>', "an ordinary user's access token (without it, HS-PING-USER-TOKEN is skipped)"))
    .addOption(option('--hs-timeout-ms <n>', "how long the homeserver waits for an appservice").argParser(parsePositiveInt).default(defaultHsTimeoutMs))
    .addOption(common.specVersion())
    .addOption(option('--assume-version <version>', 'run even if the target does not advertise v1.7, as if it advertised this').argParser(parseVersion))
    .addOption(common.strict())
    .addOption(common.only())
    .addOption(common.report())
    .action(async (opts) => setExitCode(await homeserverCommand(opts, output)))

  program
    .command('reference')
    .description('the full homeserver run against the built-in reference homeserver (npm start)')
    .addOption(option('--hs-timeout-ms <n>', "the reference homeserver's appservice timeout").argParser(parsePositiveInt).default(referenceHsTimeoutMs))
    .addOption(option('--variant <name>', 'run against a deliberately broken variant instead (see fixtures/broken-homeservers)'))
    .addOption(common.specVersion())
    .addOption(common.strict())
    .addOption(common.only())
    .addOption(common.report())
    .action(async (opts) => setExitCode(await referenceCommand(opts, output)))

  program
    .command('list')
    .description('list every check with its level and spec link')
    .action(async () => setExitCode(await listCommand(output)))

  return program
}

/** Runs the CLI and resolves to the exit code; never throws, never prints a stack trace. */
export async function main(argv: readonly string[], output: Output = processOutput): Promise<number> {
  let exitCode: number = ExitCode.conforms
  const program = buildProgram(output, (code) => (exitCode = code))
  try {
    if (argv.length === 0) {
      program.outputHelp()
      return ExitCode.unusable
    }
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are not errors; commander already printed its one-line message otherwise
      return error.exitCode === 0 ? 0 : ExitCode.unusable
    }
    if (error instanceof UsageError) {
      output.err(`as-ping-conformance: ${error.message}. Fix: ${error.remedy}.\n`)
      return ExitCode.unusable
    }
    const message = error instanceof Error ? error.message : String(error)
    output.err(`as-ping-conformance: ${error instanceof HarnessError ? '' : 'internal error: '}${message.split('\n')[0]}. Fix: re-run; if it persists, report it with this line.\n`)
    return ExitCode.unusable
  }
}
