// Which backend holds the stored credentials (the OS keyring or auth.json) and why, what each
// holds, and what is out of place. Reads only: the keyring is asked nothing unless `auto`
// has nothing stored to go by (a read-only probe), and nothing is moved or repaired.
import {
  type AuthStoreData,
  type CredentialBackend,
  type CredentialStoreSetting,
  credentialStoreStatus,
  type Env,
  isFlynnError,
} from '@flynn/auth-store';
import type { Check } from './types.js';

/** The backend in force and why: `{ backend: 'keyring', reason: 'auto: Secret Service available' }`. */
export interface CredentialStoreReport {
  backend: CredentialBackend;
  reason: string;
}

/**
 * The `credential-store` checks: `ok` naming the backend and where each stored entry is
 * (`keyring:flynn/openai@…`, `auth.json openai`); `warn` when credentials sit in both
 * backends or in the one the setting does not use, with the `flynn store migrate` that fixes
 * it; `warn` for an entry auth.json lists that the keyring lost; `fail` for an invalid
 * FLYNN_CREDENTIAL_STORE. The store is not re-read when `unreadable` (its own check says why).
 */
export async function checkCredentialStore(options: {
  storePath: string;
  env: Env;
  setting: CredentialStoreSetting | undefined;
  store: AuthStoreData;
  unreadable: boolean;
}): Promise<{ report?: CredentialStoreReport; checks: Check[] }> {
  if (options.unreadable) return { checks: [] };
  let status: Awaited<ReturnType<typeof credentialStoreStatus>>;
  try {
    status = await credentialStoreStatus({
      path: options.storePath,
      env: options.env,
      credentialStore: options.setting,
      store: options.store,
    });
  } catch (error) {
    if (!isFlynnError(error)) throw error;
    return {
      checks: [
        { id: 'credential-store', status: 'fail', message: error.message, remedy: error.remedy },
      ],
    };
  }
  const report = { backend: status.backend, reason: status.reason };
  const where = [
    ...status.inKeyring.map((entry) => `${entry.key} in ${entry.location}`),
    ...status.inFile.map((key) => `${key} in auth.json`),
  ];
  const name = status.backend === 'keyring' ? 'the keyring' : 'auth.json';
  const checks: Check[] = [
    {
      id: 'credential-store',
      status: 'ok',
      message: `new credentials go to ${name} (${status.reason})${where.length > 0 ? `; stored: ${where.join(', ')}` : ''}`,
    },
  ];
  if (status.misplaced) {
    checks.push({
      id: 'credential-store',
      status: 'warn',
      message: `${status.misplaced.problem}; run \`${status.misplaced.fix}\` to keep them in one place`,
    });
  }
  for (const location of status.missing) {
    checks.push({
      id: 'credential-store',
      status: 'warn',
      message: `auth.json lists ${location}, but the keyring has no such entry (removed outside Flynn?); its credentials are gone: log in again`,
    });
  }
  return { report, checks };
}
