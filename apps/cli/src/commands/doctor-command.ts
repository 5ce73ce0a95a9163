import type { ProgramContext } from '../program.js';
import { commandHelp } from '../program.js';

/**
 * `flynn doctor`'s options and help. Its own module, so the doctor's bundle (dist/doctor.cjs,
 * src/doctor-main.ts) builds exactly the command the full table builds.
 */
export function doctorCommand({ program, io, options, run }: ProgramContext): void {
  program
    .command('doctor')
    .description('check each tier, every credential source and the config and store files')
    .option('--json', 'print one JSON object')
    .option('--online', 'make one cheap authenticated call per tier')
    .option('--timeout <seconds>', 'time limit of each --online call (default: 5)')
    .option('--check', 'exit 3 when a credential a tier uses expires within 7 days')
    .addHelpText(
      'after',
      commandHelp(
        [
          'flynn doctor',
          'flynn doctor --online              # one authenticated call per tier',
          'flynn doctor --json | jq .tiers',
        ],
        [
          '0 every tier can authenticate and no check failed',
          '1 a tier cannot authenticate, or a check failed (each with its fix)',
          '2 usage',
          '3 with --check: a credential a tier uses expires within 7 days',
        ],
        'The short answer: `flynn status`.',
      ),
    )
    .action(
      run(async (command) => {
        const { doctor } = await import('./doctor.js');
        return doctor(options(command), io);
      }),
    );
}
