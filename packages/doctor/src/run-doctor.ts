import {
  type CredentialKind,
  credentialPresence,
  defaultAuthStorePath,
  type PresenceRow,
  readCooldowns,
} from '@flynn/auth-store';
import {
  createSecretResolver,
  listTiers,
  loadConfig,
  materializeTierSecrets,
  resolveConfigPaths,
  tierCredentialRequest,
} from '@flynn/config';
import { redactSecrets } from '@flynn/core';
import { checkAuthModeConflicts, checkConfigLoad } from './check-config.js';
import { checkCredentialStore } from './check-credential-store.js';
import { checkInlineSecrets } from './check-inline-secrets.js';
import { checkModelConnectivity } from './check-model-connectivity.js';
import { checkOpenAIOAuth } from './check-openai-oauth.js';
import { checkSecretFiles } from './check-secret-files.js';
import { checkStore, modeOf } from './check-store.js';
import { collectSecrets } from './redact.js';
import { expiryChecks, profilesByProvider, tierCredentials } from './tier-credentials.js';
import type { Check, DoctorReport, RunDoctorOptions, TierReport } from './types.js';

const KIND_ORDER: Record<CredentialKind, number> = { api_key: 0, oauth_tokens: 1, auth_token: 1 };
const SOURCE_ORDER = { config: 0, env: 1, store: 2 } as const;

/**
 * Runs every doctor check and returns the report; prints nothing and never exits.
 * Offline by default: reads the config and the store (never writes either) and resolves
 * each tier's credential; loads no provider SDK. With `online`, each tier that has a
 * credential makes one cheap authenticated call, all tiers in parallel.
 *
 * A broken config is a `fail` check with `file:line:col` and an empty `tiers`; the store
 * is still checked. `ok` is false when any tier or check has status `fail`.
 * Throws only for unexpected errors (a bug, not bad input).
 */
export async function runDoctor(options: RunDoctorOptions): Promise<DoctorReport> {
  const { env } = options;
  const now = options.now ?? Date.now();
  const configPath = options.configPath ?? resolveConfigPaths(env).configFile;
  const storePath = options.storePath ?? defaultAuthStorePath(env);

  const loaded = loadConfig(configPath, { env, parseCache: options.configParseCache });
  const config = loaded.ok ? loaded.config : undefined;
  const entries = config ? listTiers(config) : [];
  const storeResult = await checkStore(storePath);
  const { store } = storeResult;
  const credentialStore = await checkCredentialStore({
    storePath,
    env,
    setting: config?.credential_store,
    store,
    unreadable: storeResult.unreadable,
  });
  // Every tier's references at once: each distinct command runs once (the resolver shares
  // runs), in parallel, each bounded by its timeout_s. That is how doctor knows they work.
  const resolver = createSecretResolver({ env });
  const tierSecrets = config
    ? await Promise.all(
        entries.map((tier) => materializeTierSecrets(tier, config, { env, resolver })),
      )
    : [];
  const secrets = collectSecrets({ config, env, store, materialized: tierSecrets });

  const tiers: TierReport[] = config
    ? await Promise.all(
        entries.map((tier, index) =>
          checkModelConnectivity({
            config,
            tier,
            env,
            store,
            storePath,
            storeUnreadable: storeResult.unreadable,
            now,
            online: options.online,
            timeoutMs: options.timeoutMs,
            secrets,
            tierSecrets: tierSecrets[index],
            resolver,
          }),
        ),
      )
    : [];

  const cooldowns = readCooldowns({ path: storePath, env });
  tiers.forEach((report, index) => {
    const tier = entries[index];
    const materialized = tierSecrets[index];
    if (!tier || !materialized || storeResult.unreadable) return;
    report.credentials = tierCredentials(tier, materialized, {
      env,
      store,
      storePath,
      cooldowns,
      now,
    });
  });
  const cooldownChecks: Check[] = cooldowns.problem
    ? [
        {
          id: 'credential-cooldowns',
          status: 'warn',
          message: `${cooldowns.path} cannot be used (${cooldowns.problem}); cooldowns are not recorded until it is removed`,
          remedy: [{ kind: 'advice', text: `Delete ${cooldowns.path} (it holds no credential)` }],
        },
      ]
    : [];

  const configMode = loaded.source === 'file' ? modeOf(configPath) : undefined;
  const checks: Check[] = [
    ...checkConfigLoad(loaded, entries.length),
    ...storeResult.checks,
    ...credentialStore.checks,
    ...checkInlineSecrets(entries, configPath, configMode),
    ...checkSecretFiles(tierSecrets),
    ...checkAuthModeConflicts(entries),
    ...checkOpenAIOAuth(tiers, entries, store, now),
    ...expiryChecks(tiers, storePath, now),
    ...cooldownChecks,
  ];

  const presence = dedupePresence(
    entries.flatMap((tier, index) => {
      const materialized = tierSecrets[index];
      return materialized
        ? credentialPresence({
            ...tierCredentialRequest(tier, materialized),
            env,
            store,
            storePath,
          })
        : [];
    }),
    // Rows for a store that could not be read would claim "absent" without knowing.
  ).filter((row) => !(storeResult.unreadable && row.source === 'store'));

  const scrub = (text: string) => redactSecrets(text, secrets);
  const safeTiers = tiers.map((tier) => ({
    ...tier,
    message: scrub(tier.message),
    ...(tier.online ? { online: { ...tier.online, message: scrub(tier.online.message) } } : {}),
  }));
  const safeChecks = checks.map((check) => ({ ...check, message: scrub(check.message) }));
  const ok =
    !safeTiers.some((tier) => tier.status === 'fail') &&
    !safeChecks.some((check) => check.status === 'fail');
  return {
    ok,
    configPath,
    configSource: loaded.source,
    storePath,
    ...(credentialStore.report ? { credentialStore: credentialStore.report } : {}),
    tiers: safeTiers,
    presence,
    profiles: profilesByProvider(entries, store),
    checks: safeChecks,
  };
}

/** One row per provider, kind, source and location, grouped by provider in tier order. */
function dedupePresence(rows: PresenceRow[]): PresenceRow[] {
  const seen = new Map<string, PresenceRow>();
  for (const row of rows) {
    const key = `${row.provider}\u0000${row.kind}\u0000${row.source}\u0000${row.location}`;
    if (!seen.has(key)) seen.set(key, row);
  }
  const providers = [...new Set(rows.map((row) => row.provider))];
  return [...seen.values()].sort(
    (a, b) =>
      providers.indexOf(a.provider) - providers.indexOf(b.provider) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source],
  );
}
