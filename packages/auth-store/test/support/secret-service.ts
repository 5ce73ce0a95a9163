import { type SecretService, startSecretService } from '@flynn/testkit';
import { afterAll, beforeAll } from 'vitest';

/**
 * Registers hooks that start a real Secret Service (@flynn/testkit's `startSecretService`) for
 * the tests of the file or `describe` it is called in, and point this process at it: the
 * keyring's native module reads the bus from the process env. The env is put back and the
 * service stopped afterwards. Read the returned object inside tests; `keyringEnv()` is the
 * service's env with the store pinned to the keyring backend.
 */
export function useSecretService(): {
  service: SecretService;
  keyringEnv: () => NodeJS.ProcessEnv;
} {
  const current = {} as { service: SecretService; keyringEnv: () => NodeJS.ProcessEnv };
  current.keyringEnv = () => ({ ...current.service.env, FLYNN_CREDENTIAL_STORE: 'keyring' });
  const previousBus = process.env.DBUS_SESSION_BUS_ADDRESS;
  beforeAll(async () => {
    current.service = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = current.service.env.DBUS_SESSION_BUS_ADDRESS;
  }, 60_000);
  afterAll(async () => {
    if (previousBus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = previousBus;
    await current.service?.stop();
  });
  return current;
}
