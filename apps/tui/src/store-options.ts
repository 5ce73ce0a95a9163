import {
  type CredentialStoreSetting,
  describeLockWait,
  type Env,
  type LockWait,
} from '@flynn/auth-store';
import type { Session } from './session.js';

/**
 * The store options every `@flynn/auth-store` call takes. A write that waits a second on a
 * lock another Flynn process holds says so on the status line (who holds it, how long it
 * will wait), the same words as the CLI's notice. Writes go where the config's
 * `credential_store` says (FLYNN_CREDENTIAL_STORE wins).
 */
export function storeOptions(session: Session): {
  path: string;
  env: Env;
  credentialStore?: CredentialStoreSetting;
  onLockWait: (wait: LockWait) => void;
} {
  return {
    path: session.storePath,
    env: session.env,
    credentialStore: session.config.credential_store,
    onLockWait: lockWaitStatus(session),
  };
}

/** The chat's `onLockWait`: who holds the store and how long this will wait, on the status line. */
export function lockWaitStatus(session: Session): (wait: LockWait) => void {
  return (wait) => session.screen.status(describeLockWait(wait));
}
