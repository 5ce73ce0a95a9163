// `--verify`: one cheap authenticated call with a credential that may not be stored
// yet. The result carries the provider's error message as @flynn/models built it
// (already redacted), redacted once more against the credential itself (and a gateway
// header's) with @flynn/auth-store's `redactSecrets`, which also takes truncated echoes.
import { assertNever, providerSpec, redactSecrets, wireFormat } from '@flynn/core';
import type { SecretCredentialSpec } from './credential-specs.js';

/**
 * What `--verify` found, as `--json` prints it. `base_url_from` names the config field
 * the endpoint came from (`models.fast.base_url`) when it was not the provider's default
 * or `--base-url`.
 */
export type VerifyResult = { base_url: string; base_url_from?: string } & (
  | { ok: true }
  | { ok: false; error: { code: string; message: string } }
);

/** Where to verify: `--base-url`, or a tier's `base_url` (with its headers) from the config. */
export interface VerifyEndpoint {
  baseUrl: string;
  headers?: Readonly<Record<string, string>>;
  /** The config field it came from; absent for `--base-url`. */
  location?: string;
}

const VERIFY_TIMEOUT_MS = 20_000;
/** `probe()` lists models (the registry's `probePath`), so the model id is never sent. */
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
): Promise<VerifyResult> {
  const models = await import('@flynn/models');
  const url = endpoint?.baseUrl ?? providerSpec(spec.provider).defaultBaseUrl ?? '';
  const where = {
    base_url: models.displayURL(url),
    ...(endpoint?.location ? { base_url_from: endpoint.location } : {}),
  };
  try {
    const common = {
      model: PROBE_MODEL,
      baseURL: url,
      headers: { ...providerSpec(spec.provider).appHeaders, ...endpoint?.headers },
      maxRetries: 0,
      timeoutMs: VERIFY_TIMEOUT_MS,
    };
    const wire = wireFormat(spec.provider, spec.kind);
    let client: { probe(signal: AbortSignal): Promise<unknown> };
    switch (wire) {
      case 'anthropic':
        client = models.createAnthropicClient({
          ...common,
          ...(spec.kind === 'auth_token' ? { authToken: secret } : { apiKey: secret }),
        });
        break;
      case 'openai-chat':
        client = models.createOpenAIClient({ ...common, apiKey: secret, provider: spec.provider });
        break;
      case 'codex':
        throw new TypeError('ChatGPT logins are not pasted, so they are never verified here.');
      default:
        return assertNever(wire, 'wire format');
    }
    await client.probe(AbortSignal.timeout(VERIFY_TIMEOUT_MS));
    return { ok: true, ...where };
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
    return {
      ok: false,
      ...where,
      error: { code, message: redactSecrets(message, [secret, ...headerValues]) },
    };
  }
}
