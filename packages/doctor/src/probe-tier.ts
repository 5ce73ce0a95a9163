// The online half of `checkModelConnectivity`. This module is imported only when a caller
// asks for `online`, and it imports `@flynn/models` (and through it a provider SDK) only
// then: offline doctor never loads `openai` or `@anthropic-ai/sdk`.
import {
  type CredentialResolution,
  isFlynnError,
  recordCredentialExpiry,
  watchCredentialExpiry,
} from '@flynn/auth-store';
import { credentialRemedy, type Remedy, redactSecrets } from '@flynn/core';
import type { ModelConnectivityInput } from './check-model-connectivity.js';
import type { OnlineResult, TierReport } from './types.js';

/** Default time limit of one online call. */
export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

interface ErrorFields {
  code?: unknown;
  message?: unknown;
  status?: unknown;
  remedy?: unknown;
}

class ProbeTimeout extends Error {}

/**
 * Builds the tier's client with the factory and calls `probe()` once, under a time limit.
 * Resolves to the result (with a remedy when it failed); never rejects.
 */
export async function probeTier(
  report: TierReport,
  input: ModelConnectivityInput,
): Promise<OnlineResult & { remedy: Remedy }> {
  if (report.status === 'fail') {
    return {
      status: 'skipped',
      message: 'not tried: no usable credential',
      durationMs: 0,
      remedy: [],
    };
  }
  const timeoutMs = input.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeTimeout());
    }, timeoutMs);
  });
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let check: OnlineResult['check'];
  let model: string | undefined;
  let resolution: CredentialResolution | undefined;
  // A provider that says on every answer when the credential expires (GitHub): recorded.
  const expiry =
    report.credential === 'none'
      ? { expiresAt: () => undefined }
      : watchCredentialExpiry(report.provider, report.credential);
  try {
    const call = (async () => {
      const { checkCredential, createTierClient } = await import('@flynn/models');
      const created = await createTierClient({
        config: input.config,
        tier: report.tier,
        env: input.env,
        store: input.store,
        storePath: input.storePath,
        secrets: input.tierSecrets,
        resolver: input.resolver,
        rerunRejected: false,
        // One call, one answer: a retry would only hide what went wrong and cost time.
        maxRetries: 0,
        ...(expiry.onResponseHeaders ? { onResponseHeaders: expiry.onResponseHeaders } : {}),
      });
      const { client } = created;
      model = client.model;
      // The models route, or a one-token request where a gateway has none.
      ({ check } = await checkCredential(client, { signal: controller.signal, timeoutMs }));
      // The header came with the last answer: the credential that answered, which after a
      // failover (a one-token check through the tier's credentials) is not the first.
      resolution = created.answered?.()?.resolution ?? created.resolution;
    })();
    call.catch(() => {});
    await Promise.race([call, timeout]);
    // Only for the provider whose header was watched: a fallback tier of another provider
    // may have answered.
    if (resolution?.provider === report.provider) {
      await recordTokenExpiry(resolution, expiry.expiresAt(), input.storePath, input.env);
    }
    const { describeCredentialCheck } = await import('@flynn/models');
    return {
      status: 'ok',
      message: `authenticated call succeeded, checked with ${describeCredentialCheck(check ?? 'models', model)}`,
      durationMs: elapsed(),
      remedy: [],
      ...(check ? { check } : {}),
    };
  } catch (error) {
    const durationMs = elapsed();
    const failure = describeFailure(error, report, timeoutMs);
    const secrets = input.secrets ?? [];
    return {
      status: 'fail',
      message: redactSecrets(failure.message, secrets),
      remedy: failure.remedy,
      durationMs,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Records the expiry the provider sent for a stored credential (its profile's
 * `<field>_expires_at`), under the store lock and only while the store still holds that value.
 * A config or env credential has nowhere to keep it. A store that cannot be written is not the
 * probe's failure.
 */
async function recordTokenExpiry(
  resolution: CredentialResolution | undefined,
  expiresAt: number | undefined,
  storePath: string,
  env: ModelConnectivityInput['env'],
): Promise<void> {
  const value = resolution?.secret?.reveal();
  if (expiresAt === undefined || !resolution || resolution.source !== 'store' || !value) return;
  if (resolution.kind === 'oauth_tokens') return;
  await recordCredentialExpiry(
    {
      provider: resolution.provider,
      kind: resolution.kind,
      profile: resolution.profile,
    },
    value,
    expiresAt,
    { path: storePath, env },
  ).catch(() => {});
}

function describeFailure(
  error: unknown,
  report: TierReport,
  timeoutMs: number,
): { message: string; remedy: Remedy } {
  const network: Remedy = [
    { kind: 'advice', text: `Check the network, and ${report.configPath}.base_url if it is set` },
  ];
  if (error instanceof ProbeTimeout) {
    return { message: `no answer within ${timeoutMs / 1000} s`, remedy: network };
  }
  const fields = (typeof error === 'object' && error !== null ? error : {}) as ErrorFields;
  const code = typeof fields.code === 'string' ? fields.code : '';
  const message = typeof fields.message === 'string' ? fields.message : 'unknown error';
  const status = typeof fields.status === 'number' ? ` (HTTP ${fields.status})` : '';
  const ownRemedy: Remedy = Array.isArray(fields.remedy) ? (fields.remedy as Remedy) : [];
  if (code === 'MODEL_AUTH') {
    const replace =
      report.credential === 'none' ? [] : credentialRemedy(report.provider, [report.credential]);
    return {
      message: `the server rejected the credential${status}: ${message}`,
      remedy: [ownRemedy, replace, network].find((remedy) => remedy.length > 0) ?? network,
    };
  }
  if (code === 'MODEL_NETWORK') {
    return { message: `cannot reach the server: ${message}`, remedy: network };
  }
  if (code === 'MODEL_ABORTED') {
    return { message: `no answer within ${timeoutMs / 1000} s`, remedy: network };
  }
  if (code !== '' && isFlynnError(error)) {
    return { message: `${code}${status}: ${message}`, remedy: ownRemedy };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return { message: `unexpected error (${name}): ${message}`, remedy: ownRemedy };
}
