// `--verify`: one cheap authenticated call with a credential that may not be stored
// yet. The result carries the provider's error message as @flynn/models built it
// (already redacted), redacted once more against the credential itself.
import type { SecretCredentialSpec } from './credential-specs.js';
import { redact } from './redact.js';

/** What `--verify` found, as `--json` prints it. */
export type VerifyResult =
  | { ok: true; base_url: string }
  | { ok: false; base_url: string; error: { code: string; message: string } };

const VERIFY_TIMEOUT_MS = 20_000;
/** Any model id works for `probe()` (GET /models); these are the providers' usual ones. */
const PROBE_MODELS = {
  openai: 'gpt-5-mini',
  anthropic: 'claude-sonnet-4-5',
  zai: 'glm-4.6',
  github: 'openai/gpt-4.1',
} as const;

/** A URL for messages: no user info or query, which could carry a secret. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/$/, '')}`;
  } catch {
    return '<invalid URL>';
  }
}

/**
 * Calls the provider's cheapest authenticated endpoint with `secret` (the models
 * client's `probe()`), against `baseUrl` or the provider's default. Never throws for
 * a failed check: a bad key, a refused connection or a timeout come back as `ok: false`.
 */
export async function verifyCredential(
  spec: SecretCredentialSpec,
  secret: string,
  baseUrl?: string,
): Promise<VerifyResult> {
  const models = await import('@flynn/models');
  const url = baseUrl ?? models.DEFAULT_BASE_URLS[spec.provider] ?? '';
  try {
    const common = {
      model: PROBE_MODELS[spec.provider],
      baseURL: url,
      maxRetries: 0,
      timeoutMs: VERIFY_TIMEOUT_MS,
      authRemedy: `Check the value and run \`${spec.command} --replace\`.`,
    };
    const client =
      spec.provider === 'anthropic'
        ? models.createAnthropicClient({
            ...common,
            ...(spec.kind === 'auth_token' ? { authToken: secret } : { apiKey: secret }),
          })
        : models.createOpenAIClient({ ...common, apiKey: secret, provider: spec.provider });
    await client.probe(AbortSignal.timeout(VERIFY_TIMEOUT_MS));
    return { ok: true, base_url: displayUrl(url) };
  } catch (error) {
    const code =
      typeof (error as { code?: unknown })?.code === 'string'
        ? (error as { code: string }).code
        : 'VERIFY_FAILED';
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      base_url: displayUrl(url),
      error: { code, message: redact(message, [secret]) },
    };
  }
}
