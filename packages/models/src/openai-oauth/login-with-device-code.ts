// ChatGPT device-code login (the flow Codex CLI's `codex login --device-auth` uses):
// request a user code, let the user approve it at `${issuer}/codex/device`, poll until
// approved, exchange the authorization code (PKCE verifier from the server) for tokens,
// and store them at `openai.oauth` (atomic write under the store lock, file 0600).
import type { OpenAIOAuthTokens } from '@flynn/auth-store';
import type { Remedy } from '@flynn/core';
import { redactSecrets } from '@flynn/core';
import { ModelError } from '../model-error.js';
import {
  abortableSleep,
  type FetchLike,
  type HttpResult,
  isAbort,
  postForJson,
  providerErrorInfo,
} from './oauth-http.js';
import type { OpenAIOAuthSettings } from './openai-oauth-settings.js';
import { type LoginStoreOptions, storeLoginAnswer } from './store-login-answer.js';
import { stringField } from './token-response.js';

const LOGIN_AGAIN_REMEDY: Remedy = [
  { kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true },
];

/** How long a device code stays valid, and the default time to wait for approval. */
export const DEVICE_LOGIN_TIMEOUT_MS = 15 * 60 * 1000;
const DEFAULT_INTERVAL_MS = 5000;

/** Callbacks through which the CLI and TUI show the code and progress. */
export interface DeviceLoginCallbacks {
  /** Called once: show `verificationUrl` and `userCode`; the code expires at `expiresAt` (epoch ms). */
  onCode(info: { verificationUrl: string; userCode: string; expiresAt: number }): void;
  /** Called after each pending poll, before waiting `interval` again. */
  onWaiting?(info: { remainingMs: number; attempt: number }): void;
}

export interface DeviceLoginOptions extends DeviceLoginCallbacks, LoginStoreOptions {
  settings: OpenAIOAuthSettings;
  /** Cancels the login with `OAUTH_ABORTED`. */
  signal?: AbortSignal;
  fetch?: FetchLike;
  /** Give up after this long (default 15 minutes, the code's lifetime). */
  timeoutMs?: number;
  /** Time limit of each request to the issuer (default 30 s). */
  requestTimeoutMs?: number;
  /** Waits between polls; tests inject a faster one. Must reject when `signal` fires. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function loginFailed(step: string, result: HttpResult): ModelError {
  const info = providerErrorInfo(result.body);
  const said = info.message ? `: ${redactSecrets(info.message, [])}` : '';
  return new ModelError(
    'OAUTH_DEVICE_LOGIN_FAILED',
    `ChatGPT device login failed at ${step} (HTTP ${result.status}${info.code ? `, ${info.code}` : ''})${said}.`,
    {
      provider: 'openai',
      status: result.status,
      providerCode: info.code,
      remedy: [{ kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true }],
    },
  );
}

/** The poll interval in ms; the server sends seconds as a string ("5"), sometimes a number. */
export function parseInterval(value: unknown): number {
  const seconds = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 && value !== ''
    ? seconds * 1000
    : DEFAULT_INTERVAL_MS;
}

/**
 * Logs in with a ChatGPT device code and stores the tokens (with account id and access
 * token expiry) in the auth store; returns what was stored.
 * @throws ModelError `OAUTH_DEVICE_LOGIN_DISABLED` (the server answered 404: device-code
 *   login is not enabled for this account), `OAUTH_DEVICE_LOGIN_TIMEOUT`, `OAUTH_ABORTED`,
 *   `OAUTH_DEVICE_LOGIN_FAILED` (unexpected answers), `MODEL_NETWORK`; AuthStoreError when
 *   the store cannot be written.
 */
export async function loginWithDeviceCode(options: DeviceLoginOptions): Promise<OpenAIOAuthTokens> {
  const { settings, signal } = options;
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? abortableSleep;
  const post = (path: string, body: string, contentType = 'application/json') =>
    postForJson(fetchImpl, `${settings.issuer}${path}`, {
      body,
      contentType,
      signal,
      ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
      abortCode: 'OAUTH_ABORTED',
    });
  const aborted = () =>
    new ModelError('OAUTH_ABORTED', 'ChatGPT device login was cancelled.', { provider: 'openai' });
  if (signal?.aborted) throw aborted();

  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? DEVICE_LOGIN_TIMEOUT_MS);
  const codeResult = await post(
    '/api/accounts/deviceauth/usercode',
    JSON.stringify({ client_id: settings.clientId }),
  );
  if (codeResult.status === 404) {
    throw new ModelError(
      'OAUTH_DEVICE_LOGIN_DISABLED',
      `Device-code login is not enabled for ${settings.issuer}. Enable device code login in ` +
        'your ChatGPT security settings (Settings > Security), or ask your workspace admin to ' +
        'enable it, then log in again.',
      {
        provider: 'openai',
        status: 404,
        remedy: [
          { kind: 'advice', text: 'Enable device code login in ChatGPT security settings' },
          ...([
            { kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true },
          ] as Remedy),
        ],
      },
    );
  }
  const deviceAuthId = stringField(codeResult.body, 'device_auth_id');
  const userCode =
    stringField(codeResult.body, 'user_code') ?? stringField(codeResult.body, 'usercode');
  if (!codeResult.ok || !deviceAuthId || !userCode)
    throw loginFailed('the user code request', codeResult);
  const intervalMs = parseInterval((codeResult.body as Record<string, unknown>).interval);

  options.onCode({
    verificationUrl: `${settings.issuer}/codex/device`,
    userCode,
    expiresAt: deadline,
  });

  let grant: unknown;
  for (let attempt = 1; grant === undefined; attempt++) {
    let poll: HttpResult | undefined;
    try {
      poll = await post(
        '/api/accounts/deviceauth/token',
        JSON.stringify({ device_auth_id: deviceAuthId, user_code: userCode }),
      );
    } catch (error) {
      // A network blip during a 15-minute wait should not end the login; keep polling.
      if (!(error instanceof ModelError) || error.code !== 'MODEL_NETWORK') throw error;
    }
    if (poll?.ok) {
      grant = poll.body;
      break;
    }
    const pending =
      poll === undefined || [403, 404, 429].includes(poll.status) || poll.status >= 500;
    if (poll && !pending) throw loginFailed('polling for approval', poll);
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) {
      throw new ModelError(
        'OAUTH_DEVICE_LOGIN_TIMEOUT',
        `The device code was not approved within ${Math.round((deadline - started) / 60_000)} minutes.`,
        {
          provider: 'openai',
          remedy: [
            { kind: 'advice', text: 'Approve the code sooner' },
            ...([
              { kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true },
            ] as Remedy),
          ],
        },
      );
    }
    options.onWaiting?.({ remainingMs, attempt });
    try {
      await sleep(Math.min(intervalMs, remainingMs), signal);
    } catch (error) {
      if (isAbort(error, signal)) throw aborted();
      throw error;
    }
  }

  const code = stringField(grant, 'authorization_code');
  const verifier = stringField(grant, 'code_verifier');
  if (!code || !verifier)
    throw loginFailed('the approval answer', { status: 200, ok: true, body: {} });
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: `${settings.issuer}/deviceauth/callback`,
    client_id: settings.clientId,
    code_verifier: verifier,
  });
  const exchange = await post('/oauth/token', form.toString(), 'application/x-www-form-urlencoded');
  return storeLoginAnswer(
    exchange,
    {
      unusable: (problem) =>
        new ModelError(
          'OAUTH_DEVICE_LOGIN_FAILED',
          `The sign-in server's answer cannot be used (${problem}); nothing was stored.`,
          { provider: 'openai', status: exchange.status, remedy: LOGIN_AGAIN_REMEDY },
        ),
      refused: (result) => loginFailed('the code exchange', result),
    },
    options,
  );
}
