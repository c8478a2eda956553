import type { Command } from 'commander'
import { applyConfigFile } from '../apply-config-file.js'
import { defaultHsTimeoutMs } from '../default-hs-timeout.js'
import { option } from '../env-option.js'
import { maxTimeoutMs, parseHttpUrl, parseListen, parseTimeoutMs } from '../option-parsers.js'
import type { Output } from '../output.js'
import { stopExitCodes } from '../until-stopped.js'
// Types only: the servers (and the fixtures they start) are imported when the command runs, so --help loads none.
import type { ServeHomeserverOptions } from './serve-homeserver.js'
import type { ServeAppserviceOptions } from './serve-appservice.js'
import { defaultHomeserverListen } from './default-homeserver-listen.js'

const variantHelp = (kinds: string) => `serve a ${kinds} variant of it instead (an unknown name lists them)`
const stops = `stops on Ctrl-C (exit ${stopExitCodes.SIGINT}) or SIGTERM (exit ${stopExitCodes.SIGTERM})`

/** `serve homeserver` and `serve appservice`: the reference servers as long-running processes, a known-good peer for your own work and for demos. */
export function addServeCommand(program: Command, output: Output, setExitCode: (code: number) => void): void {
  // Made by program.command(), not addCommand(), so it and its subcommands inherit the program's exitOverride and output.
  const serve = program
    .command('serve')
    .description('serve the reference homeserver or appservice (or a variant) on a port until stopped, a known-good peer')
    .hook('preSubcommand', (group, command) => applyConfigFile(group.parent!, command))
  serve
    .command('homeserver')
    .description(`serve the reference homeserver, loading the registrations \`init\` wrote; ${stops}`)
    .addOption(option('--registrations <dir>', 'the directory of appservice registration YAML files to load (the one `init` wrote)').makeOptionMandatory())
    .addOption(
      option('--listen <host:port>', `where it listens (default ${defaultHomeserverListen.host}:${defaultHomeserverListen.port})`).argParser(parseListen),
    )
    .addOption(option('--variant <name>', variantHelp('broken, conformant or hostile')))
    .addOption(option('--user-token <token>', "take this access token as an ordinary user's (@alice:reference.test), for HS-PING-USER-TOKEN"))
    .addOption(
      option('--hs-timeout-ms <n>', `how long it waits for an appservice before answering 504 (at most ${maxTimeoutMs}); give the run the same`)
        .argParser(parseTimeoutMs)
        .default(defaultHsTimeoutMs),
    )
    .action(async (opts: ServeHomeserverOptions) => setExitCode(await (await import('./serve-homeserver.js')).serveHomeserverCommand(opts, output)))
  serve
    .command('appservice')
    .description(`serve the reference appservice for one registration; ${stops}`)
    .addOption(option('--registration <file>', 'its registration YAML: the hs_token it expects, and the as_token and id it pings with').makeOptionMandatory())
    .addOption(option('--hs-url <url>', 'the homeserver it pings once as it starts (default: it pings nobody)').argParser(parseHttpUrl))
    .addOption(option('--listen <host:port>', "where it listens (default: 127.0.0.1 and the port of the registration's url)").argParser(parseListen))
    .addOption(option('--variant <name>', `${variantHelp('broken or conformant')}; one that gives up when its ping fails then ends, exit 1`))
    .action(async (opts: ServeAppserviceOptions) => setExitCode(await (await import('./serve-appservice.js')).serveAppserviceCommand(opts, output)))
}
