import { describeLockWait, type Env, type LockWait } from '@flynn/auth-store';
import type { Session } from './session.js';

/**
 * The store options every `@flynn/auth-store` call takes. A write that waits a second on a
 * lock another Flynn process holds says so on the status line (who holds it, how long it
 * will wait), the same words as the CLI's notice.
 */
export function storeOptions(session: Session): {
  path: string;
  env: Env;
  onLockWait: (wait: LockWait) => void;
} {
  return {
    path: session.storePath,
    env: session.env,
    onLockWait: (wait) => session.screen.status(describeLockWait(wait)),
  };
}
