// The entry of dist/doctor.cjs: `flynn doctor` alone. The bin (src/flynn.ts) loads it instead
// of dist/main.cjs when the command is `doctor`, so offline doctor, the budgeted start-up
// (docs/performance.md), loads and runs none of the other commands' code (the chat's
// terminal, the logins, the model clients' setup). The program and the doctor command are
// built by the same code as in main.ts (program.ts, commands/doctor-command.ts).
import { doctorCommand } from './commands/doctor-command.js';
import { processIO } from './io.js';
import type { main as fullMain } from './main.js';
import { runProgram } from './program.js';

// What the bin takes from either bundle (it reads both as main.ts's module).
export { mayEndNow, processIO } from './io.js';

/** `main` of main.ts for `flynn doctor ...` (other commands are unknown here). */
export const main: typeof fullMain = (args, version, io = processIO()) =>
  runProgram(args, version, io, { doctor: doctorCommand });
