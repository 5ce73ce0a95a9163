// The entry of dist/doctor.cjs: `flynn doctor` alone. The bin (src/flynn.ts) loads it instead
// of dist/main.cjs when the command is `doctor`, so offline doctor, the budgeted start-up
// (docs/performance.md), loads and runs none of the other commands' code (the chat's
// terminal, the logins, the model clients' setup). The program and the doctor command are
// built by the same code as in main.ts (program.ts, commands/doctor-command.ts).
import { doctorCommand } from './commands/doctor-command.js';
import { type CommandIO, processIO } from './io.js';
import { runProgram } from './program.js';

export {
  type CommandIO,
  mayEndNow,
  type ProcessIOOptions,
  processIO,
} from './io.js';

/** `main` of main.ts for `flynn doctor ...` (other commands are unknown here). */
export function main(
  args: string[],
  version: string,
  io: CommandIO = processIO(),
): Promise<number> {
  return runProgram(args, version, io, { doctor: doctorCommand });
}
