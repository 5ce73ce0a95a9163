// GitHub's OAuth device flow (RFC 8628 as github.com implements it): request a device
// and user code, let the user approve at the verification page, poll for the token.
// Errors carry GitHub's error code and description, never a code or token value.
import { FlynnError } from '@flynn/core';
import { cliRemedy } from './credential-errors.js';

/** The real GitHub; FLYNN_GITHUB_URL replaces it (tests, GitHub Enterprise Server). */
export const DEFAULT_GITHUB_URL = 'https://github.com';
const DEFAULT_INTERVAL_SECONDS = 5;
const SLOW_DOWN_SECONDS = 5;
const DEFAULT_EXPIRES_IN_SECONDS = 900;

/** Codes of {@link DeviceFlowError}. */
export type DeviceFlowErrorCode =
  | 'DEVICE_LOGIN_FAILED'
  | 'DEVICE_LOGIN_EXPIRED'
  | 'DEVICE_LOGIN_DENIED'
  | 'DEVICE_LOGIN_ABORTED';

/** A device flow that ended without a token. */
export class DeviceFlowError extends FlynnError<DeviceFlowErrorCode> {
  constructor(code: DeviceFlowErrorCode, message: string, remedy?: string) {
    super(code, message, { remedy: cliRemedy(remedy) });
    this.name = 'DeviceFlowError';
  }
}

export interface GitHubDeviceFlowOptions {
  /** GitHub's web root, without a trailing slash. */
  baseUrl: string;
  /** An OAuth app client id with the device flow enabled. */
  clientId: string;
  /**
   * OAuth scopes, space-separated, sent as the device request's `scope` (always sent, empty
   * by default): GitHub Models needs no scope from an OAuth app's token; fine-grained tokens
   * and GitHub Apps need the `models: read` permission, which is set on the app, not here.
   */
  scope?: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Waits between polls; tests inject one that records the intervals. Must reject when `signal` fires. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Show the page and the code; `expiresAt` is epoch ms. */
  onCode(info: {
    verificationUrl: string;
    /** `verification_uri_complete`, when the server sends one: the page with the code filled in. */
    completeUrl?: string;
    userCode: string;
    expiresAt: number;
  }): void;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const REMEDY =
  'Run `flynn github-login --device` again, or paste a token with `flynn github-login`.';

function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function seconds(body: Record<string, unknown>, key: string, fallback: number): number {
  const value = Number(body[key]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * Runs the device flow and resolves to the access token. Polls every `interval` seconds,
 * adding 5 s on `slow_down`, until a token, `expired_token`, `access_denied`, the code's
 * expiry or `signal`. A poll that fails on the network or with a bare 5xx counts as
 * `authorization_pending`.
 * @throws DeviceFlowError `DEVICE_LOGIN_DENIED`, `DEVICE_LOGIN_EXPIRED`, `DEVICE_LOGIN_ABORTED`,
 *   `DEVICE_LOGIN_FAILED` (server unreachable for the code request, device flow disabled,
 *   an unexpected answer).
 */
export async function runGitHubDeviceFlow(options: GitHubDeviceFlowOptions): Promise<string> {
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? abortableSleep;
  const { signal } = options;
  const aborted = () => new DeviceFlowError('DEVICE_LOGIN_ABORTED', 'GitHub login was cancelled.');

  type Answer = { status: number; body: Record<string, unknown> };
  /** One POST; a network failure (no answer, or an answer cut short) is `unreachable`. */
  const post = async (
    path: string,
    form: Record<string, string>,
  ): Promise<Answer | { unreachable: string }> => {
    try {
      const response = await fetchImpl(`${options.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form).toString(),
        // The device code and the token never follow a redirect (another origin would get them).
        redirect: 'manual',
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(30_000)])
          : AbortSignal.timeout(30_000),
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => {});
        return {
          unreachable: `it answered with a redirect, HTTP ${response.status}, which is not followed`,
        };
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return {
        status: response.status,
        body: (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>,
      };
    } catch (error) {
      if (signal?.aborted) throw aborted();
      const timedOut = (error as { name?: unknown }).name === 'TimeoutError';
      const reason = timedOut
        ? 'no answer within 30 s'
        : ((error as { cause?: { code?: string } }).cause?.code ?? 'network error');
      return { unreachable: reason };
    }
  };
  const cannotReach = (reason: string) =>
    new DeviceFlowError(
      'DEVICE_LOGIN_FAILED',
      `Cannot reach ${options.baseUrl} (${reason}).`,
      REMEDY,
    );
  const failure = (step: string, answer: Answer) => {
    const code = text(answer.body, 'error');
    const description = text(answer.body, 'error_description');
    return new DeviceFlowError(
      'DEVICE_LOGIN_FAILED',
      `GitHub device login failed at ${step} (HTTP ${answer.status}${code ? `, ${code}` : ''})${description ? `: ${description}` : ''}.`,
      REMEDY,
    );
  };

  if (signal?.aborted) throw aborted();
  const codeAnswer = await post('/login/device/code', {
    client_id: options.clientId,
    scope: options.scope ?? '',
  });
  if ('unreachable' in codeAnswer) throw cannotReach(codeAnswer.unreachable);
  const deviceCode = text(codeAnswer.body, 'device_code');
  const userCode = text(codeAnswer.body, 'user_code');
  const verificationUrl = text(codeAnswer.body, 'verification_uri');
  if (codeAnswer.status !== 200 || !deviceCode || !userCode || !verificationUrl) {
    throw failure('the device code request', codeAnswer);
  }
  let intervalMs = seconds(codeAnswer.body, 'interval', DEFAULT_INTERVAL_SECONDS) * 1000;
  const expiresAt =
    Date.now() + seconds(codeAnswer.body, 'expires_in', DEFAULT_EXPIRES_IN_SECONDS) * 1000;
  const completeUrl = text(codeAnswer.body, 'verification_uri_complete');
  options.onCode({ verificationUrl, userCode, expiresAt, ...(completeUrl ? { completeUrl } : {}) });

  const expired = () =>
    new DeviceFlowError(
      'DEVICE_LOGIN_EXPIRED',
      'The GitHub device code expired before it was approved.',
      REMEDY,
    );
  // A network blip or a server hiccup (5xx) during a wait of up to 15 minutes does not
  // end the login: that poll counts as still pending, and the code's expiry bounds it all.
  for (;;) {
    const remaining = expiresAt - Date.now();
    if (remaining <= 0) throw expired();
    try {
      await sleep(Math.min(intervalMs, remaining), signal);
    } catch {
      throw aborted();
    }
    const poll = await post('/login/oauth/access_token', {
      client_id: options.clientId,
      device_code: deviceCode,
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    });
    if ('unreachable' in poll) continue;
    const token = text(poll.body, 'access_token');
    if (token) return token;
    const error = text(poll.body, 'error');
    if (error === undefined && poll.status >= 500) continue;
    switch (error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        intervalMs = Math.max(
          intervalMs + SLOW_DOWN_SECONDS * 1000,
          seconds(poll.body, 'interval', 0) * 1000,
        );
        continue;
      case 'expired_token':
        throw expired();
      case 'access_denied':
        throw new DeviceFlowError(
          'DEVICE_LOGIN_DENIED',
          'The GitHub login was denied (the request was cancelled on the approval page).',
          REMEDY,
        );
      default:
        throw failure('polling for the token', poll);
    }
  }
}
