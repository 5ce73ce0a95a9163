import { basename } from 'node:path';
import type { LockWait } from '@flynn/auth-store';
import type { CommandIO } from '../io.js';
import { startProgress } from '../progress.js';

/**
 * The `onLockWait` of every CLI write: after a second of waiting on another Flynn process,
 * a progress line on stderr saying what it waits for, with the time waited so far
 * (`⠋ Waiting for another Flynn (process 4242 on host) to finish with auth.json… (3 s)`),
 * erased once the lock is taken or given up. Only on a terminal and never with `quiet`
 * (`--json`): a pipe sees nothing of the wait, only the result or the timeout error.
 */
export function lockWaitNotice(
  io: CommandIO,
  options: { quiet?: boolean } = {},
): (wait: LockWait) => () => void {
  return (wait) => {
    const holder =
      wait.holderPid === undefined
        ? 'another Flynn'
        : `another Flynn (process ${wait.holderPid}${wait.holderHost ? ` on ${wait.holderHost}` : ''})`;
    const file = basename(wait.lockPath).replace(/\.lock$/, '');
    const limit = Math.max(1, Math.round(wait.timeoutMs / 1000));
    const progress = startProgress(
      io,
      `Waiting for ${holder} to finish with ${file} (gives up after ${limit} s)…`,
      { quiet: options.quiet, delayMs: 0, since: Date.now() - wait.waitedMs },
    );
    return () => progress.stop();
  };
}
