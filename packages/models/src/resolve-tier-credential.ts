import {
  type AuthStoreData,
  type CredentialResolution,
  credentialPresence,
  defaultAuthStorePath,
  type ResolveRequest,
  readAuthStoreSync,
  resolveCredential,
  resolveCredentials,
} from '@flynn/auth-store';
import {
  configFileOf,
  type Env,
  type FlynnConfig,
  findTier,
  listTiers,
  materializeTierSecretsSync,
  type TierEntry,
  type TierSecrets,
  tierCredentialRequest,
  tierProfiles,
} from '@flynn/config';
import { ModelError } from './model-error.js';

export interface TierCredentialOptions {
  config: FlynnConfig;
  /** A tier (`default`, `fast`, `complex`, `local`) or a local provider's name. */
  tier: string;
  /** Default `process.env`. */
  env?: Env;
  /**
   * The store as already read. Default: read from `storePath` (sync, at most once), and
   * only when config and env do not settle the tier's credential.
   */
  store?: AuthStoreData;
  /** Default `defaultAuthStorePath(env)`. */
  storePath?: string;
  /**
   * The tier's credential fields and headers as materialized by `materializeTierSecrets`
   * (`@flynn/config`). Default: materialized here without running anything, so a tier whose
   * credential is a `command`/`shell` reference needs them (`createTierClient` runs them).
   */
  secrets?: TierSecrets;
}

/** The tier entry called `name`, or a `MODEL_UNKNOWN_TIER` error listing the configured ones. */
export function requireTier(config: FlynnConfig, name: string): TierEntry {
  const entry = findTier(config, name);
  if (entry) return entry;
  const names = listTiers(config).map((tier) => tier.name);
  const known = names.length > 0 ? names.join(', ') : 'none';
  throw new ModelError(
    'MODEL_UNKNOWN_TIER',
    `Unknown tier "${name}". Configured tiers: ${known}.`,
    {
      tier: name,
      remedy:
        names.length > 0
          ? `Use one of: ${known}; or add "${name}" to models in config.yaml`
          : 'Add a tier under models in config.yaml',
    },
  );
}

/**
 * Picks the credential one tier uses (DESIGN section 5): the tier's effective
 * `auth_mode` (with `auth_mode` winning over `use_oauth`) decides the chain, and
 * each kind is looked for in config, env, then the store. Synchronous. When `store` is
 * not given, the store file is read only if resolution gets that far: a key in config
 * or env (ahead of every store field in the chain), or a tier that needs no credential,
 * never touches it, so a corrupt `auth.json` breaks only the tiers that need it. The
 * result is exactly what resolving against the full store gives, and holds no raw
 * secret in any printable form (see `Secret`).
 * @throws ModelError `MODEL_UNKNOWN_TIER`; SecretReferenceError `SECRET_REFERENCE_FAILED` when
 *   the credential's reference (or a `${NAME}` in it) gave no value; MissingCredentialError `CREDENTIAL_MISSING`
 *   (naming the tier, the kind expected, every place tried and the remedy);
 *   AuthModeUnsupportedError; AuthStoreError (`AUTH_STORE_CORRUPT`, `AUTH_STORE_IO`) when
 *   the store had to be read and could not be.
 */
export function resolveTierCredential(options: TierCredentialOptions): CredentialResolution {
  const inputs = tierInputs(options);
  const { env, entry, storePath, secrets } = inputs;
  const request: ResolveRequest = {
    ...tierCredentialRequest(entry, secrets),
    env,
    store: options.store ?? EMPTY_STORE,
    storePath,
  };
  // A tier that names profiles: the first usable one of its ordered list.
  if (tierProfiles(entry)) return orderedCredentials(options, inputs)[0] as CredentialResolution;
  if (options.store) return resolveCredential(request);

  // First without the store: config and env only.
  let withoutStore: CredentialResolution | undefined;
  try {
    withoutStore = resolveCredential(request);
  } catch (error) {
    // Missing from config and env: the store decides. Anything else (an auth_mode the
    // provider does not have) does not depend on the store.
    if ((error as { code?: unknown } | null)?.code !== 'CREDENTIAL_MISSING') throw error;
  }
  if (withoutStore && !storeComesFirst(request, withoutStore)) return withoutStore;
  return resolveCredential({ ...request, store: readAuthStoreSync({ path: storePath, env }) });
}

/**
 * Every credential the tier may use, in the order to try them (`resolveCredentials` of
 * `@flynn/auth-store`): the config or env credential that wins, then each of the tier's
 * profiles (`profile:`/`profiles:`, else `default`) that holds a stored credential. Reads the
 * store (once) unless `options.store` is given.
 * @throws as `resolveTierCredential`.
 */
export function resolveTierCredentials(options: TierCredentialOptions): CredentialResolution[] {
  return orderedCredentials(options, tierInputs(options));
}

/** What resolving a tier starts from; its secret references are materialized once. */
interface TierInputs {
  env: Env;
  entry: TierEntry;
  storePath: string;
  secrets: TierSecrets;
}

function tierInputs(options: TierCredentialOptions): TierInputs {
  const env = options.env ?? process.env;
  const entry = requireTier(options.config, options.tier);
  const storePath = options.storePath ?? defaultAuthStorePath(env);
  const secrets =
    options.secrets ??
    materializeTierSecretsSync(entry, options.config, {
      env,
      configFile: configFileOf(options.config),
    });
  return { env, entry, storePath, secrets };
}

function orderedCredentials(
  options: TierCredentialOptions,
  { env, entry, storePath, secrets }: TierInputs,
): CredentialResolution[] {
  // resolveCredentials asks each of the tier's profiles in turn (the first when it names none).
  const request: ResolveRequest = {
    ...tierCredentialRequest(entry, secrets),
    env,
    store: options.store ?? readAuthStoreSync({ path: storePath, env }),
    storePath,
  };
  return resolveCredentials(request, tierProfiles(entry));
}

const EMPTY_STORE: AuthStoreData = Object.freeze({ version: 1 }) as AuthStoreData;

/**
 * True when, in the tier's chain, a store field is tried before the place `found` came
 * from (or, for a tier that needs no credential, anywhere): then the store could change
 * the answer and has to be read.
 */
function storeComesFirst(request: ResolveRequest, found: CredentialResolution): boolean {
  const inChain = (kind: string) =>
    request.mode === 'auto' || (request.mode === 'api_key') === (kind === 'api_key');
  const rows = credentialPresence(request).filter((row) => inChain(row.kind));
  const index = rows.findIndex(
    (row) => row.source === found.source && row.location === found.location,
  );
  const before = index === -1 ? rows : rows.slice(0, index);
  return before.some((row) => row.source === 'store');
}
