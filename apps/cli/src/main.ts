import { CREDENTIAL_PROVIDERS, loginMethods } from '@flynn/core';
import { type Command, Option } from 'commander';
import { doctorCommand } from './commands/doctor-command.js';
import { type CommandIO, processIO } from './io.js';
import { type CommandBuilder, type CommandName, commandHelp, runProgram } from './program.js';

export {
  type CommandIO,
  mayEndNow,
  type ProcessIOOptions,
  processIO,
} from './io.js';

/** The exit codes of `login` and of every command that stores a key or token. */
const STORE_EXIT_CODES = [
  '0 stored (or already stored: shown masked, kept without --replace)',
  '1 not stored: --verify failed, a login failed or timed out, a store problem',
  '2 usage: a bad flag, no terminal for a choice that needs one',
  '130 cancelled with Ctrl-C',
];

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
    'Exit codes:',
    ...STORE_EXIT_CODES.map((line) => `  ${line}`),
    '',
    'FLYNN_BROWSER names the program that opens the login page; FLYNN_OPENAI_CALLBACK_PORT',
    'moves the callback off port 1455 (for a custom issuer).',
  ].join('\n');
}

/**
 * Flags shared by the commands that store a key or token (the credential commands below:
 * secrets come from a hidden prompt or stdin and are printed only masked).
 */
function storeFlags(command: Command): Command {
  return command
    .option('--stdin', 'read the secret from stdin (the default when stdin is not a terminal)')
    .option('--replace', 'replace a credential that is already stored')
    .option('--verify', 'check it with one authenticated call first; a failing one is not stored')
    .option('--base-url <url>', 'with --verify: the endpoint to call instead of the default')
    .option(
      '--timeout <seconds>',
      command.name() === 'login'
        ? 'time limit: of --verify (default: 30), of a ChatGPT login (default: 10 min, device 15)'
        : 'time limit of the --verify check (default: 30)',
    )
    .option('--profile <name>', 'store it in this named profile (default: default)')
    .option('--expires <date>', 'when it expires (e.g. 2026-12-31); doctor warns 7 days ahead')
    .option('--json', 'print one JSON object');
}

function storeHelp(examples: string[], note?: string): string {
  return commandHelp(examples, STORE_EXIT_CODES, note);
}

/** Every command's builder, keyed like COMMAND_NAMES (the type makes the two agree). */
const COMMANDS: Record<CommandName, CommandBuilder> = {
  config: ({ program, io, options, run }) => {
    const config = program
      .command('config')
      .description('inspect and edit the configuration (path, validate, init, set, unset)')
      .addHelpText(
        'after',
        commandHelp(
          [
            'flynn config path',
            'flynn config validate',
            'flynn config init',
            'flynn config set models.fast.auth_mode oauth',
          ],
          ['0 ok', '1 a problem (the subcommand says which)', '2 usage'],
          'Each subcommand has its own help: `flynn config <subcommand> --help`.',
        ),
      );
    config
      .command('path')
      .description('print where the config file and the credential store live')
      .option('--json', 'print JSON')
      .addHelpText(
        'after',
        commandHelp(
          ['flynn config path', 'flynn config path --json | jq -r .config'],
          ['0 printed', '2 usage'],
        ),
      )
      .action(
        run(async (command) => {
          const { configPath } = await import('./commands/config-path.js');
          return configPath(options(command), io);
        }),
      );
    config
      .command('init')
      .description('write the commented default config to the config path')
      .option('--force', 'replace a config file that is already there')
      .option('--json', 'print one JSON object')
      .addHelpText(
        'after',
        commandHelp(
          ['flynn config init', 'flynn --config ./flynn.yaml config init --force'],
          ['0 written', '1 a file is already there (use --force)'],
        ),
      )
      .action(
        run(async (command) => {
          const { configInit } = await import('./commands/config-edit.js');
          return configInit(options(command), io);
        }),
      );
    config
      .command('set')
      .description('set one value in the config file, keeping comments and order')
      .argument('<path>', 'e.g. models.fast.auth_mode or models.local_providers[0].model')
      .argument('<value>', 'a YAML scalar: oauth, gpt-5-mini, true')
      .option('--json', 'print one JSON object')
      .addHelpText(
        'after',
        commandHelp(
          [
            'flynn config set models.fast.auth_mode oauth',
            'flynn config set models.default.model claude-sonnet-4-5',
          ],
          [
            '0 set',
            '1 refused: the result would be invalid (the file is unchanged)',
            '2 usage: no config file, a bad path',
          ],
        ),
      )
      .action(
        run(async (command) => {
          const { configSet } = await import('./commands/config-edit.js');
          const [path, value] = command.processedArgs as [string, string];
          return configSet(path, value, options(command), io);
        }),
      );
    config
      .command('unset')
      .description('remove one value from the config file, keeping comments and order')
      .argument('<path>', 'e.g. models.fast.auth_mode')
      .option('--json', 'print one JSON object')
      .addHelpText(
        'after',
        commandHelp(
          ['flynn config unset models.fast.auth_mode'],
          [
            '0 removed (or not set)',
            '1 refused: the result would be invalid',
            '2 usage: no config file',
          ],
        ),
      )
      .action(
        run(async (command) => {
          const { configSet } = await import('./commands/config-edit.js');
          const [path] = command.processedArgs as [string];
          return configSet(path, undefined, options(command), io);
        }),
      );
    config
      .command('validate')
      .description('check the config file and show each tier with its effective auth_mode')
      .option('--json', 'print one JSON object')
      .addHelpText(
        'after',
        commandHelp(
          ['flynn config validate', 'flynn --config ./flynn.yaml config validate --json'],
          ['0 valid (warnings are listed)', '1 invalid: every problem is listed', '2 usage'],
        ),
      )
      .action(
        run(async (command) => {
          const { configValidate } = await import('./commands/config-validate.js');
          return configValidate(options(command), io);
        }),
      );
  },
  ask: ({ program, io, options, run }) => {
    program
      .command('ask')
      .description('stream one answer from a tier (piped text is sent after the prompt)')
      .argument('[prompt...]', 'the question (words are joined with spaces; `-` or none: stdin)')
      .option('--tier <tier>', 'tier or local provider to ask (default: default)')
      .option('--json', 'print one JSON object at the end instead of streaming (errors too)')
      .option(
        '--timeout <seconds>',
        'longest wait for the first byte of the answer and for silence mid-stream (default: 60)',
      )
      .addHelpText(
        'after',
        commandHelp(
          [
            'flynn ask "why is the sky blue"',
            'cat error.log | flynn ask "explain this"   # the prompt, then the log',
            'git diff | flynn ask -                     # stdin alone is the question',
            'flynn ask --tier fast --json "one word for happy"',
          ],
          [
            '0 the whole answer arrived',
            '1 a config, credential or provider problem (a timeout names the host)',
            '2 usage: no question (empty prompt and nothing piped), a bad flag',
            '130 cancelled with Ctrl-C',
          ],
          'With a prompt, piped text is awaited for 3 s (FLYNN_STDIN_WAIT_MS) until its first byte.',
        ),
      )
      .action(
        run(async (command) => {
          const { ask } = await import('./commands/ask.js');
          const words = command.processedArgs[0] as string[] | undefined;
          const prompt = words && words.length > 0 ? words.join(' ') : undefined;
          return ask(prompt, options(command), io);
        }),
      );
  },
  chat: ({ program, io, options, run }) => {
    program
      .command('chat')
      .description('chat with a tier in the terminal (/login, /model, /status inside)')
      .option('--tier <tier>', 'tier or local provider to start with (default: default)')
      .addHelpText(
        'after',
        commandHelp(
          ['flynn chat', 'flynn chat --tier fast'],
          [
            '0 you left with /exit, Ctrl-D, or Ctrl-C at an empty prompt',
            '1 the config has a problem (each is listed before the chat starts)',
            '2 usage: a bad flag, an unknown tier',
          ],
          'Inside: /login, /model, /status, /logout, /help, /exit.',
        ),
      )
      .action(
        run(async (command) => {
          const { chat } = await import('./commands/chat.js');
          return chat(options(command), io);
        }),
      );
  },
  doctor: doctorCommand,
  status: ({ program, io, options, run }) => {
    program
      .command('status')
      .description('am I set up? one line per tier and one per problem, with its fix')
      .option('--json', 'print one JSON object')
      .addHelpText(
        'after',
        commandHelp(
          ['flynn status', 'flynn status --json | jq .problems'],
          ['0 every tier can authenticate', '1 a problem (each is listed with its fix)'],
          'The full report, with every credential source: `flynn doctor`.',
        ),
      )
      .action(
        run(async (command) => {
          const { status } = await import('./commands/status.js');
          return status(options(command), io);
        }),
      );
  },
  login: ({ program, io, options, run }) => {
    storeFlags(
      program
        .command('login')
        .description('store a credential for any provider (an API key, a token, or a login)')
        .argument('<provider>', `${CREDENTIAL_PROVIDERS.join(', ')}, or a local provider`)
        .addOption(new Option('--api-key', 'store an API key').conflicts(['token', 'device', 'gh']))
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
        .addHelpText('after', loginHelp),
    ).action(
      run(async (command) => {
        const { login } = await import('./commands/login.js');
        return login(String(command.args[0]), options(command), io);
      }),
    );
  },
  'openai-key': ({ program, io, options, run }) => {
    storeFlags(
      program
        .command('openai-key')
        .description('store your OpenAI API key')
        .addHelpText(
          'after',
          storeHelp([
            'flynn openai-key',
            'printenv OPENAI_API_KEY | flynn openai-key --stdin --verify',
          ]),
        ),
    ).action(
      run(async (command) => {
        const { openaiKey } = await import('./commands/openai-key.js');
        return openaiKey(options(command), io);
      }),
    );
  },
  'anthropic-auth': ({ program, io, options, run }) => {
    storeFlags(
      program
        .command('anthropic-auth')
        .description('store your Anthropic API key (or, with --token, an auth token)')
        .option('--token', 'store an auth token (sent as a bearer token) instead of an API key')
        .addHelpText(
          'after',
          storeHelp([
            'flynn anthropic-auth',
            'flynn anthropic-auth --token          # an auth token from `claude setup-token`',
          ]),
        ),
    ).action(
      run(async (command) => {
        const { anthropicAuth } = await import('./commands/anthropic-auth.js');
        return anthropicAuth(options(command), io);
      }),
    );
  },
  'anthropic-token': ({ program, io, options, run }) => {
    storeFlags(
      program
        .command('anthropic-token')
        .description('store an Anthropic auth token (same as anthropic-auth --token)')
        .addHelpText(
          'after',
          storeHelp([
            'claude setup-token                    # prints an auth token',
            'flynn anthropic-token --stdin < token.txt',
          ]),
        ),
    ).action(
      run(async (command) => {
        const { anthropicAuth } = await import('./commands/anthropic-auth.js');
        return anthropicAuth({ ...options(command), token: true }, io);
      }),
    );
  },
  'zai-key': ({ program, io, options, run }) => {
    storeFlags(
      program
        .command('zai-key')
        .description('store your Z.AI API key')
        .addHelpText('after', storeHelp(['flynn zai-key', 'flynn zai-key --stdin --verify'])),
    ).action(
      run(async (command) => {
        const { zaiKey } = await import('./commands/zai-key.js');
        return zaiKey(options(command), io);
      }),
    );
  },
  'github-login': ({ program, io, options, run }) => {
    storeFlags(
      program
        .command('github-login')
        .description('store a GitHub token for GitHub Models (pasted, from gh, or by device login)')
        .addOption(
          new Option('--gh', 'use the token `gh auth token` prints').conflicts(['stdin', 'device']),
        )
        .addOption(
          new Option(
            '--device',
            'log in with the GitHub device flow (needs an OAuth app client id)',
          ).conflicts(['stdin']),
        )
        .option('--no-browser', 'with --device: print the URL without opening a browser')
        .addHelpText(
          'after',
          storeHelp(
            [
              'flynn github-login                    # paste a token',
              'flynn github-login --gh               # the token `gh auth token` prints',
              'flynn github-login --device --no-browser',
            ],
            'A fine-grained token needs the `models: read` permission; a device login asks for no scope (FLYNN_GITHUB_SCOPE).',
          ),
        ),
    ).action(
      run(async (command) => {
        const { githubLogin } = await import('./commands/github-login.js');
        return githubLogin(options(command), io);
      }),
    );
  },
  'openai-login': ({ program, io, options, run }) => {
    program
      .command('openai-login')
      .description('log in to ChatGPT with a device code (OpenAI OAuth)')
      .option('--no-browser', 'print the URL without opening a browser')
      .option('--replace', 'log in again although a login is stored')
      .option('--json', 'print one JSON object (the URL and code go to stderr)')
      .option('--timeout <seconds>', 'how long to wait for approval (default: 15 min)')
      .option('--profile <name>', 'store the login in this named profile (default: default)')
      .addHelpText(
        'after',
        commandHelp(
          ['flynn openai-login', 'flynn openai-login --no-browser --json'],
          [
            '0 logged in (or a login is already stored)',
            '1 the login failed, was refused or timed out',
            '2 usage',
            '130 cancelled with Ctrl-C',
          ],
          'The browser login: `flynn login openai --browser`.',
        ),
      )
      .action(
        run(async (command) => {
          const { openaiLogin } = await import('./commands/openai-login.js');
          return openaiLogin(options(command), io);
        }),
      );
  },
  logout: ({ program, io, options, run }) => {
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
      .addHelpText(
        'after',
        commandHelp(
          ['flynn logout openai --oauth', 'flynn logout github', 'flynn logout zai --all --json'],
          [
            '0 removed (or nothing was stored)',
            '1 a store problem (corrupt or unreadable)',
            '2 usage',
          ],
        ),
      )
      .action(
        run(async (command) => {
          const { logout } = await import('./commands/logout.js');
          return logout(String(command.args[0]), options(command), io);
        }),
      );
  },
  store: ({ program, io, options, run }) => {
    const store = program
      .command('store')
      .description('where stored credentials live: the OS keyring or auth.json')
      .addHelpText(
        'after',
        commandHelp(
          ['flynn store migrate --to keyring', 'flynn store migrate --to file'],
          ['0 ok', '1 a problem (the subcommand says which)', '2 usage'],
        ),
      );
    store
      .command('migrate')
      .description('move every stored credential to the keyring or to auth.json')
      .addOption(
        new Option('--to <backend>', 'where to move them')
          .choices(['keyring', 'file'])
          .makeOptionMandatory(),
      )
      .option('--json', 'print what was moved as JSON')
      .addHelpText(
        'after',
        commandHelp(
          ['flynn store migrate --to keyring', 'flynn store migrate --to file --json'],
          ['0 moved', '1 the keyring is unavailable, or a store problem', '2 usage'],
        ),
      )
      .action(
        run(async (command) => {
          const { storeMigrate } = await import('./commands/store-migrate.js');
          return storeMigrate(options(command), io);
        }),
      );
  },
};

/**
 * Runs `flynn` with `args` (without the node and script paths) and resolves to the
 * exit code. Never throws and never calls `process.exit`.
 */
export async function main(
  args: string[],
  version: string,
  io: CommandIO = processIO(),
): Promise<number> {
  return runProgram(args, version, io, COMMANDS);
}
