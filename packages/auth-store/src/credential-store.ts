/**
 * Which backend holds stored credentials: the OS keyring or `auth.json`.
 *
 * The setting is `FLYNN_CREDENTIAL_STORE` (wins), else the config's `credential_store`
 * (passed as `StoreOptions.credentialStore`), else `auto`. `keyring` and `file` are obeyed;
 * `auto` follows the store as it is, so it never mixes the two silently:
 * - credentials already in the keyring (the file lists entries): the keyring;
 * - credentials already in `auth.json`: the file (`flynn store migrate --to keyring` moves them);
 * - nothing stored yet: the keyring when it answers a short probe, else the file.
 * Reads never need the setting: the file says where each entry's secrets are.
 */
import { CREDENTIAL_STORES, type CredentialStoreSetting } from '@flynn/core';
import { AuthStoreError } from './auth-store-error.js';
import { storePathFrom } from './default-auth-store-path.js';
import { keyringLocation, keyringName, keyringUnreachable, probeKeyring } from './keyring.js';
import { listsEntries, type RawStore, rawStore, readStoreText } from './read-auth-store.js';
import { hasPlainSecrets, KEYRING_SECTION_KEY, splitEntry, storeOrigin } from './store-layout.js';
import type { AuthStoreData, StoreOptions } from './types.js';

/** A backend: the OS keyring, or `auth.json` itself. */
export type CredentialBackend = 'keyring' | 'file';

/** The setting in force and where it came from. */
export interface CredentialStoreSettingOrigin {
  setting: CredentialStoreSetting;
  origin: 'env' | 'config' | 'default';
}

/**
 * The setting in force: `FLYNN_CREDENTIAL_STORE`, else `options.credentialStore`, else `auto`.
 * @throws AuthStoreError `AUTH_STORE_INVALID_INPUT` when the env var holds another value.
 */
export function credentialStoreSetting(options: StoreOptions = {}): CredentialStoreSettingOrigin {
  const env = options.env ?? process.env;
  const fromEnv = env.FLYNN_CREDENTIAL_STORE?.trim();
  if (fromEnv) {
    if ((CREDENTIAL_STORES as readonly string[]).includes(fromEnv)) {
      return { setting: fromEnv as CredentialStoreSetting, origin: 'env' };
    }
    throw new AuthStoreError('AUTH_STORE_INVALID_INPUT', {
      path: storePathFrom(options),
      problem: `FLYNN_CREDENTIAL_STORE must be one of ${CREDENTIAL_STORES.join(', ')}.`,
      remedy: 'Set FLYNN_CREDENTIAL_STORE=auto, keyring or file, or unset it',
    });
  }
  if (options.credentialStore) return { setting: options.credentialStore, origin: 'config' };
  return { setting: 'auto', origin: 'default' };
}

/** The backend chosen, and why, in words doctor shows. */
export interface BackendChoice {
  backend: CredentialBackend;
  reason: string;
}

function settingWords({ setting, origin }: CredentialStoreSettingOrigin): string {
  return origin === 'env' ? `FLYNN_CREDENTIAL_STORE=${setting}` : `credential_store: ${setting}`;
}

/**
 * The backend new credentials go to for the store as found (`store`), and why. `auto` with
 * nothing stored asks the keyring (a read-only probe, or with `writeProbe` one that stores
 * and removes a throw-away entry, which also finds a locked keyring).
 */
export async function chooseBackend(
  store: RawStore,
  options: StoreOptions & { writeProbe?: boolean } = {},
): Promise<BackendChoice & CredentialStoreSettingOrigin> {
  const setting = credentialStoreSetting(options);
  const chosen = (choice: BackendChoice) => ({ ...setting, ...choice });
  if (setting.setting !== 'auto') {
    return chosen({ backend: setting.setting, reason: settingWords(setting) });
  }
  const { [KEYRING_SECTION_KEY]: _section, ...rest } = store.raw;
  if (listsEntries(store.section)) {
    return chosen({
      backend: 'keyring',
      reason: 'auto: the stored credentials are in the keyring',
    });
  }
  if (hasPlainSecrets(rest)) {
    return chosen({
      backend: 'file',
      reason:
        'auto: auth.json already holds the credentials (`flynn store migrate --to keyring` moves them)',
    });
  }
  const env = options.env ?? process.env;
  const path = storePathFrom(options);
  const unreachable = keyringUnreachable(env);
  const why = unreachable ?? (await probeKeyring(path, env, { write: options.writeProbe }));
  if (why) return chosen({ backend: 'file', reason: `auto: no keyring (${why}), using auth.json` });
  return chosen({ backend: 'keyring', reason: `auto: ${keyringName()} available` });
}

/** Where stored credentials are, for doctor: the backend in force and what each holds. */
export interface CredentialStoreStatus extends BackendChoice, CredentialStoreSettingOrigin {
  /** Store keys (`openai`, `local_providers`) whose secrets `auth.json` holds itself. */
  inFile: string[];
  /** Store keys whose secrets the keyring holds, with where: `keyring:flynn/openai@…`. */
  inKeyring: Array<{ key: string; location: string }>;
  /** Keyring entries `auth.json` lists that the keyring did not have (from `store`'s read). */
  missing: string[];
  /**
   * Set when credentials sit where the setting does not put them: in both backends (after
   * an interrupted migration), or only in the other one (after a changed setting). `fix` is
   * the command that moves them.
   */
  misplaced?: { problem: string; fix: string };
}

/**
 * The credential store's status for the store file at `options.path`, without writing
 * anything. Pass `store` (as `readAuthStore` returned it) to learn of missing keyring
 * entries; the keyring itself is asked only by `auto` with nothing stored (a read-only probe).
 * @throws AuthStoreError when the file cannot be read or parsed, or the setting is invalid.
 */
export async function credentialStoreStatus(
  options: StoreOptions & { store?: AuthStoreData } = {},
): Promise<CredentialStoreStatus> {
  const path = storePathFrom(options);
  const file = rawStore(await readStoreText(path), path);
  const choice = await chooseBackend(file, options);
  const { [KEYRING_SECTION_KEY]: _section, ...rest } = file.raw;
  const inFile = Object.keys(rest).filter((key) => splitEntry(key, rest[key]).secrets);
  const inKeyring = Object.entries(file.section?.entries ?? {}).map(([key, account]) => ({
    key,
    location: keyringLocation(account),
  }));
  const missing = options.store ? storeOrigin(options.store).missing.map(keyringLocation) : [];
  const status: CredentialStoreStatus = { ...choice, inFile, inKeyring, missing };
  const other = choice.backend === 'keyring' ? inFile.length > 0 : inKeyring.length > 0;
  if (other) {
    const fix = `flynn store migrate --to ${choice.backend}`;
    const both = inFile.length > 0 && inKeyring.length > 0;
    status.misplaced = {
      problem: both
        ? `both the keyring and auth.json hold credentials (${inKeyring.map((e) => e.key).join(', ')} in the keyring; ${inFile.join(', ')} in auth.json)`
        : choice.backend === 'keyring'
          ? `auth.json holds credentials in plain text (${inFile.join(', ')}) while new ones go to the keyring`
          : `the keyring holds credentials (${inKeyring.map((e) => e.key).join(', ')}) while new ones go to auth.json`,
      fix,
    };
  }
  return status;
}
