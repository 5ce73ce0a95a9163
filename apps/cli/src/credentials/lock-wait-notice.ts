import type { LockWait } from '@flynn/auth-store';
import { type CommandIO, eprintln } from '../io.js';

/**
 * The `onLockWait` of every CLI write: one line on stderr, after a second of waiting on
 * another Flynn process, saying who holds the store and how long this command will wait.
 */
export function lockWaitNotice(io: CommandIO): (wait: LockWait) => void {
  return (wait) => {
    const holder =
      wait.holderPid === undefined
        ? 'another process'
        : `process ${wait.holderPid}${wait.holderHost ? ` on ${wait.holderHost}` : ''}`;
    const left = Math.max(1, Math.round((wait.timeoutMs - wait.waitedMs) / 1000));
    eprintln(io, `Waiting for the credential store, locked by ${holder} (up to ${left} s more)…`);
  };
}
