import { describeLockWait, type LockWait } from '@flynn/auth-store';
import { type CommandIO, eprintln } from '../io.js';

/**
 * The `onLockWait` of every CLI write: one line on stderr, after a second of waiting on
 * another Flynn process, saying who holds the store and how long this command will wait.
 */
export function lockWaitNotice(io: CommandIO): (wait: LockWait) => void {
  return (wait) => eprintln(io, describeLockWait(wait));
}
