// `--verify`: one cheap authenticated call with a credential that may not be stored
// yet. The result carries the provider's error message as @flynn/models built it
// (already redacted), redacted once more against the credential itself (and a gateway
// header's) with @flynn/auth-store's `redactSecrets`, which also takes truncated echoes.
import {
  assertNever,
  isFlynnError,
  providerSpec,
  redactSecrets,
  renderRemedy,
  wireFormat,
} from '@flynn/core';
import type { CommandIO } from '../io.js';
import { startProgress } from '../progress.js';
import type { SecretCredentialSpec } from './credential-specs.js';

/**
 * What `--verify` found, as `--json` prints it. `base_url_from` names the config field
 * the endpoint came from (`models.fast.base_url`) when it was not the provider's default
 * or `--base-url`.
 */
export type VerifyResult = { base_url: string; base_url_from?: string } & (
  | {
      ok: true;
      /** Which call showed it works: the models route, or a one-token request. */
      check: 'models' | 'one-token';
      /** That check for people: `checked with a one-token request to gpt-4.1 (no models route)`. */
      checked_with: string;
      /**
       * When the provider said the credential expires (ISO 8601): GitHub's
       * `github-authentication-token-expiration` header.
       */
      expires_at?: string;
    }
  | {
      ok: false;
      /** `hint`: the failure's remedy for the CLI (`A fine-grained token … needs \`models: read\``). */
      error: { code: string; message: string; hint?: string };
    }
);

/** Where to verify: `--base-url`, or a tier's `base_url` (with its headers) from the config. */
export interface VerifyEndpoint {
  baseUrl: string;
  headers?: Readonly<Record<string, string>>;
  /** The config field it came from; absent for `--base-url`. */
  location?: string;
  /** The tier's model, for the one-token check behind a gateway without a models route. */
  model?: string;
}

/** How `--verify` waits: its limit (default 30 s) and where its progress line goes. */
export interface VerifyOptions {
  timeoutMs?: number;
  io?: CommandIO;
  /** No progress line (`--json`). */
  quiet?: boolean;
}

/** The model id of a check with no tier model: only the models route is tried then. */
const PROBE_MODEL = 'flynn-verify';

/**
 * Calls the provider's cheapest authenticated endpoint with `secret` (the models
 * client's `probe()`), against `endpoint` or the provider's default. Never throws for
 * a failed check: a bad key, a refused connection or a timeout come back as `ok: false`.
 */
export async function verifyCredential(
  spec: SecretCredentialSpec,
  secret: string,
  endpoint?: VerifyEndpoint,
  verifyOptions: VerifyOptions = {},
): Promise<VerifyResult> {
  const [models, { watchCredentialExpiry }] = await Promise.all([
    import('@flynn/models'),
    import('@flynn/auth-store'),
  ]);
  const url = endpoint?.baseUrl ?? providerSpec(spec.provider).defaultBaseUrl ?? '';
  const where = {
    base_url: models.displayURL(url),
    ...(endpoint?.location ? { base_url_from: endpoint.location } : {}),
  };
  // Where the provider says when the credential expires (GitHub), it is read off the answer.
  const expiry = watchCredentialExpiry(spec.provider, spec.kind);
  try {
    const timeoutMs = verifyOptions.timeoutMs ?? models.NETWORK_TIMEOUTS.authMs;
    const common = {
      model: endpoint?.model ?? PROBE_MODEL,
      baseURL: url,
      headers: { ...providerSpec(spec.provider).appHeaders, ...endpoint?.headers },
      maxRetries: 0,
      timeoutMs,
    };
    const wire = wireFormat(spec.provider, spec.kind);
    let client: import('@flynn/models').ModelClient;
    switch (wire) {
      case 'anthropic':
        client = models.createAnthropicClient({
          ...common,
          ...(spec.kind === 'auth_token' ? { authToken: secret } : { apiKey: secret }),
        });
        break;
      case 'openai-chat':
        client = models.createOpenAIClient({
          ...common,
          apiKey: secret,
          provider: spec.provider,
          ...(expiry.onResponseHeaders ? { onResponseHeaders: expiry.onResponseHeaders } : {}),
        });
        break;
      case 'codex':
        throw new TypeError('ChatGPT logins are not pasted, so they are never verified here.');
      default:
        return assertNever(wire, 'wire format');
    }
    const progress = verifyOptions.io
      ? startProgress(verifyOptions.io, `Checking the ${spec.label} with ${models.hostOf(url)}…`, {
          quiet: verifyOptions.quiet,
        })
      : undefined;
    try {
      const { check } = await models.checkCredential(client, {
        timeoutMs,
        // Without a tier's model a one-token request could only fail on the model.
        fallback: endpoint?.model !== undefined,
      });
      const expiresAt = expiry.expiresAt();
      return {
        ok: true,
        ...where,
        check,
        checked_with: `checked with ${models.describeCredentialCheck(check, endpoint?.model)}`,
        ...(expiresAt === undefined ? {} : { expires_at: new Date(expiresAt).toISOString() }),
      };
    } finally {
      progress?.stop();
    }
  } catch (error) {
    const code =
      typeof (error as { code?: unknown })?.code === 'string'
        ? (error as { code: string }).code
        : 'VERIFY_FAILED';
    const message = error instanceof Error ? error.message : String(error);
    // A gateway's header may hold a secret of its own.
    const { isCredentialHeader } = await import('@flynn/doctor');
    const headerValues = Object.entries(endpoint?.headers ?? {})
      .filter(([name, value]) => isCredentialHeader(name, value))
      .map(([, value]) => value.replace(/^(?:bearer|basic|token)\s+/i, ''));
    const hint = isFlynnError(error) ? renderRemedy(error.remedy, 'cli') : '';
    return {
      ok: false,
      ...where,
      error: {
        code,
        message: redactSecrets(message, [secret, ...headerValues]),
        ...(hint ? { hint: redactSecrets(hint, [secret, ...headerValues]) } : {}),
      },
    };
  }
}
