import { runFlynn } from './run-flynn.js';

/** The `--help` text of `flynn <command...>`. */
export async function commandHelpText(command: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const run = await runFlynn([...command, '--help'], { env });
  return run.stdout;
}
