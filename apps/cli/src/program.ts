// The command table's machinery, shared by the two CommonJS bundles the `flynn` bin loads:
// dist/main.cjs (every command, src/main.ts) and dist/doctor.cjs (`flynn doctor` alone,
// src/doctor-main.ts). Both build the root program and each command they hold with the same
// code, so `flynn doctor ...` behaves alike through either (test/doctor-bundle.test.ts).
import { Command, CommanderError, type OptionValues } from 'commander';
import { EXIT } from './exit-codes.js';
import { firstCommandArg } from './first-command-arg.js';
import { handleError } from './handle-error.js';
import { type CommandIO, terminalText } from './io.js';
import { installLibraryLoader, requireBundledLibrary } from './lazy-libs.js';
import { findSecretArgument } from './secret-arguments.js';
import { markPhase } from './timing.js';

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
  'status',
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
export type CommandName = (typeof COMMAND_NAMES)[number];

/**
 * The command `args` run, when it is plain to see: the first argument after the global
 * `--config PATH`, if it names a command. Otherwise (help, a typo, `--version`) undefined,
 * and the whole table is built, so help and "did you mean" see every command.
 */
export function invokedCommand(args: readonly string[]): string | undefined {
  const arg = firstCommandArg(args);
  return arg !== undefined && (COMMAND_NAMES as readonly string[]).includes(arg) ? arg : undefined;
}

/**
 * The examples and exit codes at the end of a command's `--help`, in one layout for all.
 */
export function commandHelp(examples: string[], exitCodes: string[], note?: string): string {
  return [
    '',
    'Examples:',
    ...examples.map((example) => `  ${example}`),
    '',
    'Exit codes:',
    ...exitCodes.map((line) => `  ${line}`),
    ...(note ? ['', note] : []),
  ].join('\n');
}

/** What a command's builder gets: the root program to add itself to, and the helpers. */
export interface ProgramContext {
  program: Command;
  io: CommandIO;
  /** The options of `command` over the global ones (`--config`): commander's optsWithGlobals. */
  options<T extends OptionValues>(command: Command): GlobalOptions & T;
  /** Wraps an action: its resolved number becomes the exit code. */
  run(action: (command: Command) => Promise<number>): (...args: unknown[]) => Promise<void>;
}

/** Adds one command (with its options, help and action) to `context.program`. */
export type CommandBuilder = (context: ProgramContext) => void;

/** Builders by command name: all of them (main.ts), or the doctor's alone (doctor-main.ts). */
export type CommandTable = Partial<Record<CommandName, CommandBuilder>>;

/**
 * The program with the commands of `table`. Each command's action lazy-imports its
 * implementation, so building this costs almost nothing and a command pays only for itself.
 * With `only` (the command being run), the others are not built: their help is not shown.
 */
function buildProgram(
  io: CommandIO,
  version: string,
  setExit: (code: number) => void,
  table: CommandTable,
  only?: string,
): Command {
  const program = new Command('flynn')
    .description('Flynn: a personal AI assistant for your terminal.')
    .version(version, '-V, --version', 'print the version')
    .option('--config <path>', 'config file to use (default: $FLYNN_CONFIG_DIR/config.yaml)')
    .showHelpAfterError('(run `flynn --help` for usage)')
    .addHelpText(
      'beforeAll',
      'Start here: `flynn login openai` (or another provider), then `flynn status`.\n',
    )
    .addHelpText(
      'after',
      commandHelp(
        [
          'flynn login anthropic --token         # store an auth token (`claude setup-token`)',
          'flynn status                          # am I set up? one line per tier',
          'flynn ask "why is the sky blue"',
          'cat error.log | flynn ask "explain"   # the prompt, then the piped text',
          'flynn config set models.fast.auth_mode oauth',
          'flynn doctor --online                 # the full report, with one call per tier',
        ],
        [
          '0 ok',
          '1 a problem (the message says what and how to fix it)',
          '2 usage',
          '130 cancelled (Ctrl-C)',
        ],
        'Each command has its own examples and exit codes: `flynn <command> --help`. Words: docs/glossary.md.',
      ),
    )
    .configureOutput({
      writeOut: (text) => io.stdout.write(terminalText(io, text)),
      writeErr: (text) => io.stderr.write(terminalText(io, text)),
    })
    .exitOverride();

  const context: ProgramContext = {
    program,
    io,
    options: <T extends OptionValues>(command: Command) =>
      command.optsWithGlobals<GlobalOptions & T>(),
    run:
      (action) =>
      async (...args) => {
        const command = args[args.length - 1] as Command;
        setExit(await action(command));
      },
  };
  for (const name of COMMAND_NAMES) {
    if (only === undefined || only === name) table[name]?.(context);
  }
  // A usage error in a subcommand points at that subcommand's own --help.
  const pointAtHelp = (command: Command, path: string) => {
    command.showHelpAfterError(`(run \`${path} --help\` for usage and examples)`);
    for (const sub of command.commands) pointAtHelp(sub, `${path} ${sub.name()}`);
  };
  for (const command of program.commands) pointAtHelp(command, `flynn ${command.name()}`);

  return program;
}

/**
 * Runs `flynn` with `args` (without the node and script paths) and the commands of `table`,
 * and resolves to the exit code. Never throws and never calls `process.exit`.
 */
export async function runProgram(
  args: string[],
  version: string,
  io: CommandIO,
  table: CommandTable,
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
    table,
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
