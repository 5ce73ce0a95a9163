// The flow every store command shares: read the store first (so nobody is asked for a
// key that would not be used), get the secret, warn, optionally verify, store, report.
// Guarantees: the secret is printed only as its masked fingerprint, in text and JSON,
// and with `--verify` a credential that fails the check is not stored.

import {
  maskSecret,
  profileSecret,
  recordCredentialExpiry,
  storeWarnings,
} from '@flynn/auth-store';
import { formatTime } from '@flynn/core';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, eprintln, printJson, println, style } from '../io.js';
import { parseTimeoutSeconds } from '../timeout-option.js';
import { type CredentialConfigContext, credentialConfigContext } from './config-context.js';
import { namedProfile, UsageError } from './credential-errors.js';
import type { SecretCredentialSpec } from './credential-specs.js';
import {
  type CredentialWarning,
  printWarnings,
  renderStoreWarnings,
} from './credential-warnings.js';
import { cliStoreOptions, storedLocation } from './store-options.js';
import { type VerifyEndpoint, type VerifyResult, verifyCredential } from './verify-credential.js';

/** Flags every store command takes. */
export interface StoreCredentialOptions {
  /**
   * `--config PATH`: the config whose tiers are checked (an inline value that wins over
   * the store; the endpoint `--verify` calls). The store stays in the config directory.
   */
  config?: string;
  /** Read the secret from stdin (on a terminal the hidden prompt is used instead). */
  stdin?: boolean;
  /** Replace a stored credential instead of keeping it. */
  replace?: boolean;
  /** Print one JSON object instead of text. */
  json?: boolean;
  /** Make one cheap authenticated call; a failing credential is not stored. */
  verify?: boolean;
  /**
   * With `--verify`: the endpoint to call; default the `base_url` of the first configured
   * tier that would use the credential, else the provider's endpoint.
   */
  baseUrl?: string;
  /** `--timeout S`: with `--verify`, the limit of the check (default 30 s). */
  timeout?: string;
  /** `--profile NAME`: the stored profile to put it in (default `default`). */
  profile?: string;
  /** `--expires DATE`: when the credential expires (doctor warns 7 days ahead). */
  expires?: string;
}

/**
 * `--expires DATE` as epoch ms: an ISO date (`2026-12-31`, `2026-12-31T23:59:59Z`) or the
 * `2026-12-31 23:59:59 UTC` form GitHub's expiration header uses.
 * @throws UsageError for anything else.
 */
export function parseExpires(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Date.parse(
    text
      .trim()
      .replace(/ UTC$/, 'Z')
      .replace(/^(\S+) (\S+Z)$/, '$1T$2'),
  );
  if (Number.isNaN(value)) {
    throw new UsageError('--expires takes a date such as 2026-12-31 or 2026-12-31T23:59:59Z.');
  }
  return value;
}

/**
 * `spec` for `--profile NAME`: the same credential kept in that profile
 * (`openai:work.api_key`); `spec` itself for no profile or `default`.
 * @throws UsageError for a name that cannot be a profile, or a local provider's key.
 */
export function specForProfile(
  spec: SecretCredentialSpec,
  profile: string | undefined,
): SecretCredentialSpec {
  const named = namedProfile(profile);
  if (named === undefined) return spec;
  if (spec.field.startsWith('local_providers.')) {
    throw new UsageError('Local providers keep one key: --profile is for registry providers.');
  }
  return {
    ...profileSecret(spec.provider, spec.kind, named),
    command: `${spec.command} --profile ${named}`,
  };
}

/** What the store commands print with `--json`. */
export interface StoreCredentialReport {
  stored: boolean;
  already_stored?: boolean;
  provider: string;
  kind: string;
  fingerprint: string;
  path: string;
  /** Where the secret went: `path`, or its keyring entry (`keyring:flynn/openai@…`). */
  location?: string;
  warnings: CredentialWarning[];
  verified?: VerifyResult;
}

/** The store use case's warnings for `value` (or, without one, for the stored credential), in the CLI's words. */
async function warningsFor(
  spec: SecretCredentialSpec,
  value: string | undefined,
  stored: boolean,
  io: CommandIO,
  path: string,
): Promise<CredentialWarning[]> {
  const found = await storeWarnings({ provider: spec.provider, kind: spec.kind }, value, {
    path,
    env: io.env,
  });
  // Already stored: only the overrides matter (the value was checked when it was stored).
  const relevant = value === undefined ? found.filter((w) => w.code === 'env_override') : found;
  return renderStoreWarnings(spec, relevant, stored);
}

/** The expiry the provider told `--verify` (epoch ms), if it did. */
function verifiedExpiry(verified: VerifyResult | undefined): number | undefined {
  const text = verified?.ok ? verified.expires_at : undefined;
  const value = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isFinite(value) ? value : undefined;
}

/** What `--verify` found; `told`: the expiry the server gave ({@link verifiedExpiry}). */
function printVerify(
  io: CommandIO,
  spec: SecretCredentialSpec,
  verified: VerifyResult,
  told?: number,
): void {
  const from = verified.base_url_from ? ` (${verified.base_url_from})` : '';
  if (verified.ok) {
    println(
      io,
      `${style(io, 'green', 'Verified:')} the ${spec.label} works with ${verified.base_url}${from}${verified.checked_with ? ` (${verified.checked_with})` : ''}.`,
    );
    if (told !== undefined) {
      println(
        io,
        `The server says it expires ${formatTime(told)}; recorded, so doctor warns 7 days ahead.`,
      );
    }
  } else {
    eprintln(
      io,
      `${style(io, 'red', 'error:')} verification against ${verified.base_url}${from} failed: ${verified.error.message}`,
    );
    if (verified.error.hint) eprintln(io, `${style(io, 'dim', 'hint:')} ${verified.error.hint}.`);
  }
}

/**
 * Runs a store command for `spec`: when a credential is already stored and `replace`
 * is off, reports it (masked) and exits 0 without calling `obtain`; otherwise gets the
 * secret from `obtain` (already checked and trimmed), warns about shape and env
 * overrides, verifies when asked, stores it and reports the fingerprint and path.
 * Resolves to the exit code: 0 stored or already stored, 1 when verification failed.
 * @throws UsageError for `--base-url` without `--verify`; whatever `obtain` throws
 *   (CredentialInputError, InterruptedError); AuthStoreError (corrupt store, I/O).
 */
export async function storeCredential(
  spec: SecretCredentialSpec,
  options: StoreCredentialOptions,
  io: CommandIO,
  obtain: () => Promise<string>,
  /** What the config says about the credential; default `credentialConfigContext(spec, ...)`. */
  configContext?: CredentialConfigContext,
): Promise<number> {
  if (options.baseUrl !== undefined && !options.verify) {
    throw new UsageError(
      '--base-url only applies together with --verify.',
      `See \`${spec.command} --help\``,
    );
  }
  const verifyOptions = {
    timeoutMs: parseTimeoutSeconds(options.timeout),
    io,
    quiet: options.json,
  };
  spec = specForProfile(spec, options.profile);
  const expiresAt = parseExpires(options.expires);
  // The store follows the config directory rules (FLYNN_CONFIG_DIR, ...), not --config.
  const storeOptions = cliStoreOptions(io, options.config, undefined, options.json);
  const { path } = storeOptions;
  const existing = await spec.load(storeOptions);
  const base = { provider: spec.provider, kind: spec.kind, path };
  const context = configContext ?? credentialConfigContext(spec, options.config, io.env);
  const endpoint: VerifyEndpoint | undefined =
    options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : context.verifyTarget;
  if (existing !== undefined && !options.replace) {
    const warnings = [...(await warningsFor(spec, undefined, true, io, path)), ...context.warnings];
    const verified = options.verify
      ? await verifyCredential(spec, existing, endpoint, verifyOptions)
      : undefined;
    const told = verifiedExpiry(verified);
    if (told !== undefined) {
      // The stored token's expiry, as the server said it (only while it is still stored).
      await recordCredentialExpiry(
        { provider: spec.provider, kind: spec.kind, profile: options.profile },
        existing,
        told,
        storeOptions,
      );
    }
    const fingerprint = maskSecret(existing);
    const report: StoreCredentialReport = {
      stored: false,
      already_stored: true,
      ...base,
      fingerprint,
      warnings,
      ...(verified ? { verified } : {}),
    };
    if (options.json) printJson(io, report);
    else {
      println(io, `The ${spec.label} is already stored (${fingerprint}) in ${path}.`);
      println(io, `Run \`${spec.command} --replace\` to replace it.`);
      if (verified) printVerify(io, spec, verified, told);
      printWarnings(io, warnings);
    }
    return verified && !verified.ok ? EXIT.failure : EXIT.ok;
  }

  const secret = await obtain();
  const fingerprint = maskSecret(secret);
  const verified = options.verify
    ? await verifyCredential(spec, secret, endpoint, verifyOptions)
    : undefined;
  const willStore = !verified || verified.ok;
  const found = await warningsFor(spec, secret, willStore, io, path);
  // The same order as ever: the value's own shape, then what overrides it, then auto mode.
  const warnings = [
    ...found.filter((w) => w.code !== 'auto_mode_prefers_api_key'),
    ...context.warnings,
    ...found.filter((w) => w.code === 'auto_mode_prefers_api_key'),
  ];
  if (verified && !verified.ok) {
    if (options.json) printJson(io, { stored: false, ...base, fingerprint, warnings, verified });
    else {
      printVerify(io, spec, verified);
      eprintln(io, `The ${spec.label} ${fingerprint} was not stored.`);
      printWarnings(io, warnings);
    }
    return EXIT.failure;
  }

  // What the server said (GitHub's expiration header on --verify) wins over a typed --expires.
  const told = verifiedExpiry(verified);
  const expiry = told ?? expiresAt;
  await spec.store(secret, {
    ...storeOptions,
    ...(expiry === undefined ? {} : { expiresAt: expiry }),
  });
  const key = spec.field.startsWith('local_providers.')
    ? 'local_providers'
    : spec.field.slice(0, spec.field.lastIndexOf('.'));
  const location = await storedLocation(io, path, key);
  const report: StoreCredentialReport = {
    stored: true,
    ...base,
    location,
    fingerprint,
    warnings,
    ...(verified ? { verified } : {}),
  };
  if (options.json) printJson(io, report);
  else {
    if (verified) printVerify(io, spec, verified, told);
    println(io, `${style(io, 'green', 'Stored')} the ${spec.label} ${fingerprint} in ${location}.`);
    printWarnings(io, warnings);
  }
  return EXIT.ok;
}
