import { CREDENTIAL_PROVIDERS, loginMethods } from '@flynn/core';
import { Command, CommanderError, Option } from 'commander';
import { EXIT } from './exit-codes.js';
import { handleError } from './handle-error.js';
import { type CommandIO, processIO, terminalText } from './io.js';
import { installLibraryLoader, requireBundledLibrary } from './lazy-libs.js';
import { findSecretArgument } from './secret-arguments.js';
import { markPhase } from './timing.js';

export { type CommandIO, type ProcessIOOptions, processIO } from './io.js';

// @flynn/config's `yaml` and `zod/mini` come from files next to the bundle (lazy-libs.ts).
if (typeof require === 'function') installLibraryLoader(requireBundledLibrary);

/** Options every command accepts. */
export interface GlobalOptions {
  /** `--config PATH`: the config file to use instead of the default location. */
  config?: string;
}

/** Every top-level command, in the order `flynn --help` lists them. */
export const COMMAND_NAMES = [
  'config',
  'ask',
  'chat',
  'doctor',
  'login',
  'openai-key',
  'anthropic-auth',
  'anthropic-token',
  'zai-key',
  'github-login',
  'openai-login',
  'logout',
  'store',
] as const;
type CommandName = (typeof COMMAND_NAMES)[number];

/**
 * The command `args` run, when it is plain to see: the first argument after the global
 * `--config PATH`, if it names a command. Otherwise (help, a typo, `--version`) undefined,
 * and the whole table is built, so help and "did you mean" see every command.
 */
export function invokedCommand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--config') i++;
    else if (arg.startsWith('--config=')) continue;
    else return (COMMAND_NAMES as readonly string[]).includes(arg) ? arg : undefined;
  }
  return undefined;
}

/** `flynn login --help`'s list of every provider and the ways it logs in, from the registry. */
function loginHelp(): string {
  const width = Math.max(...CREDENTIAL_PROVIDERS.map((provider) => provider.length));
  const rows = CREDENTIAL_PROVIDERS.flatMap((provider) =>
    loginMethods(provider).map(
      (method, i) =>
        `  ${(i === 0 ? provider : '').padEnd(width)}  ${method.flag.padEnd(9)}  ${method.label}`,
    ),
  );
  return [
    '',
    'Providers and what each stores (the first is the menu default; a provider with one',
    'kind needs no flag; without a terminal a kind flag is required where there are several):',
    ...rows,
    `  ${'<local>'.padEnd(width)}  ${'--api-key'.padEnd(9)}  the API key of a local_providers entry, by its name`,
    '',
    'Examples:',
    '  flynn login openai                        # ChatGPT in the browser (a menu on a terminal)',
    '  flynn login openai --browser --no-browser # print the URL; paste the address it ends at',
    '  flynn login openai --device               # ChatGPT device code, for machines without a browser',
    '  printenv OPENAI_API_KEY | flynn login openai --api-key --stdin',
    '  flynn login anthropic --token --stdin < token.txt',
    '',
    'FLYNN_BROWSER names the program that opens the login page; FLYNN_OPENAI_CALLBACK_PORT',
    'moves the callback off port 1455 (for a custom issuer).',
  ].join('\n');
}

/**
 * The command table. Each command's action lazy-imports its implementation, so
 * building this table costs almost nothing and a command pays only for itself.
 */
function buildProgram(
  io: CommandIO,
  version: string,
  setExit: (code: number) => void,
  only?: string,
): Command {
  const program = new Command('flynn')
    .description('Flynn: a personal AI assistant for your terminal.')
    .version(version, '-V, --version', 'print the version')
    .option('--config <path>', 'config file to use (default: $FLYNN_CONFIG_DIR/config.yaml)')
    .showHelpAfterError('(run `flynn --help` for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(terminalText(io, text)),
      writeErr: (text) => io.stderr.write(terminalText(io, text)),
    })
    .exitOverride();

  const globals = (command: Command): GlobalOptions => command.optsWithGlobals();
  const run =
    (action: (command: Command) => Promise<number>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      setExit(await action(command));
    };

  // Flags shared by the commands that store a key or token (the credential commands below:
  // secrets come from a hidden prompt or stdin and are printed only masked).
  const storeFlags = (command: Command) =>
    command
      .option('--stdin', 'read the secret from stdin (the default when stdin is not a terminal)')
      .option('--replace', 'replace a credential that is already stored')
      .option('--verify', 'check it with one authenticated call first; a failing one is not stored')
      .option('--base-url <url>', 'with --verify: the endpoint to call instead of the default')
      .option('--profile <name>', 'store it in this named profile (default: default)')
      .option('--expires <date>', 'when it expires (e.g. 2026-12-31); doctor warns 7 days ahead')
      .option('--json', 'print one JSON object');

  // One builder per command, keyed like COMMAND_NAMES (the type makes the two agree).
  const commands: Record<CommandName, () => void> = {
    config: () => {
      const config = program.command('config').description('inspect the configuration');
      config
        .command('path')
        .description('print where the config file and the credential store live')
        .option('--json', 'print JSON')
        .action(
          run(async (command) => {
            const { configPath } = await import('./commands/config-path.js');
            return configPath({ ...globals(command), ...command.opts() }, io);
          }),
        );
      config
        .command('validate')
        .description('check the config file and show each tier with its effective auth_mode')
        .option('--json', 'print one JSON object')
        .action(
          run(async (command) => {
            const { configValidate } = await import('./commands/config-validate.js');
            return configValidate({ ...globals(command), ...command.opts() }, io);
          }),
        );
    },

    ask: () => {
      program
        .command('ask')
        .description('stream one answer from a tier')
        .argument('<prompt...>', 'the question (several words are joined with spaces)')
        .option('--tier <tier>', 'tier or local provider to ask (default: default)')
        .option('--json', 'print one JSON object at the end instead of streaming')
        .action(
          run(async (command) => {
            const { ask } = await import('./commands/ask.js');
            const prompt = (command.processedArgs[0] as string[]).join(' ');
            return ask(prompt, { ...globals(command), ...command.opts() }, io);
          }),
        );
    },

    chat: () => {
      program
        .command('chat')
        .description('chat with a tier in the terminal (/login, /model, /status inside)')
        .option('--tier <tier>', 'tier or local provider to start with (default: default)')
        .action(
          run(async (command) => {
            const { chat } = await import('./commands/chat.js');
            return chat({ ...globals(command), ...command.opts() }, io);
          }),
        );
    },

    doctor: () => {
      program
        .command('doctor')
        .description('check each tier, every credential source and the config and store files')
        .option('--json', 'print one JSON object')
        .option('--online', 'make one cheap authenticated call per tier')
        .option('--timeout <seconds>', 'time limit of each --online call (default: 5)')
        .option('--check', 'exit 3 when a credential a tier uses expires within 7 days')
        .action(
          run(async (command) => {
            const { doctor } = await import('./commands/doctor.js');
            return doctor({ ...globals(command), ...command.opts() }, io);
          }),
        );
    },

    login: () => {
      storeFlags(
        program
          .command('login')
          .description('store a credential for any provider (an API key, a token, or a login)')
          .argument('<provider>', `${CREDENTIAL_PROVIDERS.join(', ')}, or a local provider`)
          .addOption(
            new Option('--api-key', 'store an API key').conflicts(['token', 'device', 'gh']),
          )
          .addOption(
            new Option(
              '--token',
              'store a token (Anthropic: an auth token sent as a bearer token; GitHub: its token)',
            ).conflicts('device'),
          )
          .option('--browser', 'OpenAI: log in to ChatGPT in the browser (the default choice)')
          .addOption(
            new Option(
              '--device',
              'log in with a device code (OpenAI: ChatGPT; GitHub: device flow)',
            ).conflicts('stdin'),
          )
          .addOption(
            new Option('--gh', 'GitHub: use the token `gh auth token` prints').conflicts([
              'stdin',
              'device',
            ]),
          )
          .option(
            '--no-browser',
            'do not launch a browser: print the URL (OpenAI: the browser login, pasting the address it ends at)',
          )
          .option(
            '--timeout <seconds>',
            'ChatGPT login: how long to wait (default: 10 min, device 15)',
          )
          .addHelpText('after', loginHelp),
      ).action(
        run(async (command) => {
          const { login } = await import('./commands/login.js');
          return login(String(command.args[0]), { ...globals(command), ...command.opts() }, io);
        }),
      );
    },
    'openai-key': () => {
      storeFlags(program.command('openai-key').description('store your OpenAI API key')).action(
        run(async (command) => {
          const { openaiKey } = await import('./commands/openai-key.js');
          return openaiKey({ ...globals(command), ...command.opts() }, io);
        }),
      );
    },
    'anthropic-auth': () => {
      storeFlags(
        program
          .command('anthropic-auth')
          .description('store your Anthropic API key (or, with --token, an auth token)')
          .option('--token', 'store an auth token (sent as a bearer token) instead of an API key'),
      ).action(
        run(async (command) => {
          const { anthropicAuth } = await import('./commands/anthropic-auth.js');
          return anthropicAuth({ ...globals(command), ...command.opts() }, io);
        }),
      );
    },
    'anthropic-token': () => {
      storeFlags(
        program
          .command('anthropic-token')
          .description('store an Anthropic auth token (same as anthropic-auth --token)'),
      ).action(
        run(async (command) => {
          const { anthropicAuth } = await import('./commands/anthropic-auth.js');
          return anthropicAuth({ ...globals(command), ...command.opts(), token: true }, io);
        }),
      );
    },
    'zai-key': () => {
      storeFlags(program.command('zai-key').description('store your Z.AI API key')).action(
        run(async (command) => {
          const { zaiKey } = await import('./commands/zai-key.js');
          return zaiKey({ ...globals(command), ...command.opts() }, io);
        }),
      );
    },
    'github-login': () => {
      storeFlags(
        program
          .command('github-login')
          .description(
            'store a GitHub token for GitHub Models (pasted, from gh, or by device login)',
          )
          .addOption(
            new Option('--gh', 'use the token `gh auth token` prints').conflicts([
              'stdin',
              'device',
            ]),
          )
          .addOption(
            new Option(
              '--device',
              'log in with the GitHub device flow (needs an OAuth app client id)',
            ).conflicts(['stdin']),
          )
          .option('--no-browser', 'with --device: print the URL without opening a browser'),
      ).action(
        run(async (command) => {
          const { githubLogin } = await import('./commands/github-login.js');
          return githubLogin({ ...globals(command), ...command.opts() }, io);
        }),
      );
    },
    'openai-login': () => {
      program
        .command('openai-login')
        .description('log in to ChatGPT with a device code (OpenAI OAuth)')
        .option('--no-browser', 'print the URL without opening a browser')
        .option('--replace', 'log in again although a login is stored')
        .option('--json', 'print one JSON object (the URL and code go to stderr)')
        .option('--timeout <seconds>', 'how long to wait for approval (default: 15 min)')
        .action(
          run(async (command) => {
            const { openaiLogin } = await import('./commands/openai-login.js');
            return openaiLogin({ ...globals(command), ...command.opts() }, io);
          }),
        );
    },
    logout: () => {
      program
        .command('logout')
        .description('remove stored credentials of a provider')
        .argument('<provider>', CREDENTIAL_PROVIDERS.join(', '))
        .addOption(
          new Option('--api-key', 'remove the API key (GitHub: the token)').conflicts([
            'oauth',
            'all',
          ]),
        )
        .addOption(
          new Option(
            '--oauth',
            'remove the OpenAI ChatGPT login / the Anthropic auth token',
          ).conflicts('all'),
        )
        .option('--all', 'remove every credential of the provider')
        .option('--profile <name>', 'remove from this named profile (default: default)')
        .option('--json', 'print what was removed as JSON')
        .action(
          run(async (command) => {
            const { logout } = await import('./commands/logout.js');
            return logout(String(command.args[0]), { ...globals(command), ...command.opts() }, io);
          }),
        );
    },
    store: () => {
      const store = program
        .command('store')
        .description('where stored credentials live: the OS keyring or auth.json');
      store
        .command('migrate')
        .description('move every stored credential to the keyring or to auth.json')
        .addOption(
          new Option('--to <backend>', 'where to move them')
            .choices(['keyring', 'file'])
            .makeOptionMandatory(),
        )
        .option('--json', 'print what was moved as JSON')
        .action(
          run(async (command) => {
            const { storeMigrate } = await import('./commands/store-migrate.js');
            return storeMigrate({ ...globals(command), ...command.opts() }, io);
          }),
        );
    },
  };
  // With `only` (the command being run), the others are not built: their help is not shown.
  for (const name of COMMAND_NAMES) if (only === undefined || only === name) commands[name]();

  return program;
}

/**
 * Runs `flynn` with `args` (without the node and script paths) and resolves to the
 * exit code. Never throws and never calls `process.exit`.
 */
export async function main(
  args: string[],
  version: string,
  io: CommandIO = processIO(),
): Promise<number> {
  let exitCode: number = EXIT.ok;
  const secretArgument = findSecretArgument(args);
  if (secretArgument) return handleError(secretArgument, io, version);
  const program = buildProgram(
    io,
    version,
    (code) => {
      exitCode = code;
    },
    // Building only the command being run saves a millisecond of every start.
    invokedCommand(args),
  );
  markPhase('command table built');
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
        return EXIT.ok;
      if (error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    return await handleError(error, io, version);
  }
}
