import { Command, CommanderError, Option } from 'commander';
import { EXIT } from './exit-codes.js';
import { handleError } from './handle-error.js';
import { type CommandIO, processIO } from './io.js';

/** Options every command accepts. */
export interface GlobalOptions {
  /** `--config PATH`: the config file to use instead of the default location. */
  config?: string;
}

/**
 * The command table. Each command's action lazy-imports its implementation, so
 * building this table costs almost nothing and a command pays only for itself.
 */
function buildProgram(io: CommandIO, version: string, setExit: (code: number) => void): Command {
  const program = new Command('flynn')
    .description('Flynn: a personal AI assistant for your terminal.')
    .version(version, '-V, --version', 'print the version')
    .option('--config <path>', 'config file to use (default: $FLYNN_CONFIG_DIR/config.yaml)')
    .showHelpAfterError('(run `flynn --help` for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();

  const globals = (command: Command): GlobalOptions => command.optsWithGlobals();
  const run =
    (action: (command: Command) => Promise<number>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      setExit(await action(command));
    };

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

  program
    .command('doctor')
    .description('check each tier, every credential source and the config and store files')
    .option('--json', 'print one JSON object')
    .option('--online', 'make one cheap authenticated call per tier')
    .option('--timeout <seconds>', 'time limit of each --online call (default: 5)')
    .action(
      run(async (command) => {
        const { doctor } = await import('./commands/doctor.js');
        return doctor({ ...globals(command), ...command.opts() }, io);
      }),
    );

  // Keeps Option imported for commands that declare choices; see credential commands.
  void Option;
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
  const program = buildProgram(io, version, (code) => {
    exitCode = code;
  });
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
    return handleError(error, io, version);
  }
}
