// ChatGPT login in the browser: the authorization code flow with PKCE and a loopback
// callback, as Codex CLI's `codex login` does it (wire facts: "OpenAI browser login").
// Guarantees: the callback server listens on 127.0.0.1 only and takes one answer, then
// stops; a callback's `state` is checked before anything else, and a pasted redirect
// address is held to the same check (a pasted bare code carries none: PKCE binds it to
// this login's verifier instead); nothing is stored unless the issuer exchanged the code
// for a usable token set, which is stored exactly as the device login stores it. The
// verifier, the code and the tokens never appear in a message, an error or the page, and
// text from the issuer or the callback is redacted and stripped of control characters.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpenAIOAuthTokens } from '@flynn/auth-store';
import { type Env, type Remedy, redactSecrets, sanitizeText } from '@flynn/core';
import { ModelError, type ModelErrorDetails } from '../model-error.js';
import { CALLBACK_PAGE_HEADERS, type CallbackPageContent, callbackPage } from './callback-page.js';
import { type FetchLike, type HttpResult, postForJson, providerErrorInfo } from './oauth-http.js';
import type { OpenAIOAuthSettings } from './openai-oauth-settings.js';
import { createPkce, createState } from './pkce.js';
import { type LoginStoreOptions, storeLoginAnswer } from './store-login-answer.js';

/** How long the browser login waits for the browser (or a paste) by default. */
export const BROWSER_LOGIN_TIMEOUT_MS = 10 * 60 * 1000;
/** The callback port registered for Codex's client id (`http://localhost:1455/auth/callback`). */
export const DEFAULT_CALLBACK_PORT = 1455;
const CALLBACK_PATH = '/auth/callback';
const SCOPES = 'openid profile email offline_access';

/** Why a browser login failed (the apps derive their words from the message and this). */
export type BrowserLoginFailure =
  | 'invalid_port'
  | 'state_missing'
  | 'state_mismatch'
  | 'access_denied'
  | 'authorization_error'
  | 'code_missing'
  | 'exchange_refused'
  | 'answer_unusable';

const LOGIN_AGAIN: Remedy = [
  { kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true, method: 'browser' },
];

/** A browser login that ended without storing anything, with the {@link BrowserLoginFailure}. */
export class BrowserLoginError extends ModelError {
  readonly reason: BrowserLoginFailure;

  constructor(reason: BrowserLoginFailure, message: string, details: ModelErrorDetails = {}) {
    super('OAUTH_BROWSER_LOGIN_FAILED', message, {
      provider: 'openai',
      remedy: LOGIN_AGAIN,
      ...details,
    });
    this.name = 'BrowserLoginError';
    this.reason = reason;
  }
}

/**
 * The callback port: `FLYNN_OPENAI_CALLBACK_PORT` (0 = any free port, for tests and custom
 * issuers; the real issuer accepts only 1455), else {@link DEFAULT_CALLBACK_PORT}.
 * @throws BrowserLoginError `invalid_port` for anything but a number from 0 to 65535.
 */
export function openAICallbackPort(env: Env = process.env): number {
  const raw = env.FLYNN_OPENAI_CALLBACK_PORT?.trim();
  if (!raw) return DEFAULT_CALLBACK_PORT;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (port >= 0 && port <= 65535) return port;
  throw new BrowserLoginError(
    'invalid_port',
    'FLYNN_OPENAI_CALLBACK_PORT must be a port number from 0 to 65535 (0: any free port).',
    { remedy: [{ kind: 'advice', text: 'Fix or unset FLYNN_OPENAI_CALLBACK_PORT' }] },
  );
}

export interface BrowserLoginOptions extends LoginStoreOptions {
  settings: OpenAIOAuthSettings;
  /** Port of the callback server on 127.0.0.1; default {@link openAICallbackPort}(env). */
  port?: number;
  /** Cancels the login with `OAUTH_ABORTED` (also during the code exchange). */
  signal?: AbortSignal;
  fetch?: FetchLike;
  /** Give up when no answer came within this long (default {@link BROWSER_LOGIN_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Time limit of the code exchange request (default 30 s). */
  requestTimeoutMs?: number;
}

/** A browser login in progress: its callback server is listening. */
export interface BrowserLogin {
  /** The issuer's authorize page to open in a browser. Holds no secret (only the challenge and state). */
  readonly authorizeUrl: string;
  /** `http://localhost:<port>/auth/callback`, where the browser comes back. */
  readonly redirectUri: string;
  /** When the login gives up (epoch ms). */
  readonly expiresAt: number;
  /**
   * Hands the login what the user pasted: the address the browser ended at (its `state` is
   * checked like a callback's) or just the code. Returns false, and changes nothing, when the
   * text is neither; true when it was taken (the login then ends with it, the server stops)
   * or the login had already ended.
   */
  submit(input: string): boolean;
  /** The stored tokens. Rejects with the reason the login ended (see {@link startBrowserLogin}). */
  readonly result: Promise<OpenAIOAuthTokens>;
}

/** What the user pasted: a bare code, or the query of a redirect address. */
export type PastedAnswer =
  | { kind: 'code'; code: string }
  | { kind: 'redirect'; query: URLSearchParams };

/**
 * Reads a pasted answer: `http://localhost:1455/auth/callback?code=...&state=...` (with or
 * without the scheme), just its query, or a bare code. `undefined` for anything else.
 */
export function parsePastedAnswer(input: string): PastedAnswer | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  if (/^[A-Za-z0-9._~-]{8,2048}$/.test(text)) return { kind: 'code', code: text };
  const queryStart = text.indexOf('?');
  const query = new URLSearchParams(
    queryStart >= 0 ? text.slice(queryStart + 1).split('#')[0] : text.includes('=') ? text : '',
  );
  return query.has('code') || query.has('error') ? { kind: 'redirect', query } : undefined;
}

/** Server text for a message: redacted, one line, no control characters, not too long. */
function said(text: string | null | undefined): string {
  if (!text) return '';
  const clean = sanitizeText(redactSecrets(text, []), { singleLine: true });
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}

/**
 * The code of a redirect's query, after checking its `state` and its `error`.
 * @throws BrowserLoginError `state_missing`, `state_mismatch`, `access_denied`,
 *   `authorization_error`, `code_missing`.
 */
function codeOfRedirect(query: URLSearchParams, state: string): string {
  const returned = query.get('state');
  if (!returned) {
    throw new BrowserLoginError(
      'state_missing',
      'The answer that reached Flynn has no state, so it cannot be told apart from a forged one; nothing was stored.',
    );
  }
  if (returned !== state) {
    throw new BrowserLoginError(
      'state_mismatch',
      'The answer that reached Flynn belongs to another login (its state does not match this one); nothing was stored.',
    );
  }
  const error = query.get('error');
  if (error) {
    const code = said(error);
    const description = said(query.get('error_description'));
    const detail = description ? `${code}: ${description}` : code;
    throw error === 'access_denied'
      ? new BrowserLoginError(
          'access_denied',
          `The sign-in was cancelled or refused in the browser (${detail}); nothing was stored.`,
          { providerCode: error },
        )
      : new BrowserLoginError(
          'authorization_error',
          `The sign-in server sent the browser back with an error (${detail}); nothing was stored.`,
          { providerCode: code },
        );
  }
  const code = query.get('code');
  if (!code) {
    throw new BrowserLoginError(
      'code_missing',
      'The answer that reached Flynn has neither a code nor an error; nothing was stored.',
    );
  }
  return code;
}

function refused(result: HttpResult): BrowserLoginError {
  const info = providerErrorInfo(result.body);
  const code = said(info.code);
  const message = said(info.message);
  return new BrowserLoginError(
    'exchange_refused',
    `The sign-in server refused to exchange the code for tokens (HTTP ${result.status}${code ? `, ${code}` : ''})${message ? `: ${message}` : ''}; nothing was stored.`,
    { status: result.status, providerCode: info.code },
  );
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') {
        return reject(
          new ModelError(
            'MODEL_NETWORK',
            `Flynn cannot listen on 127.0.0.1 port ${port} for the browser's answer (${error.code ?? 'error'}); nothing was stored.`,
            { provider: 'openai', cause: error },
          ),
        );
      }
      reject(
        new ModelError(
          'OAUTH_CALLBACK_PORT_IN_USE',
          `Port ${port} on 127.0.0.1 is already in use, so the browser's answer cannot reach Flynn (another login may be waiting there: a second Flynn, or Codex); nothing was stored.`,
          {
            provider: 'openai',
            remedy: [
              { kind: 'advice', text: 'Finish or cancel the other login and try again' },
              {
                kind: 'login',
                provider: 'openai',
                credential: 'oauth_tokens',
                method: 'device',
              },
            ],
          },
        ),
      );
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/** The page for an outcome: success, or the failure's message (already free of secrets). */
function pageFor(error: unknown): CallbackPageContent {
  if (error === undefined) {
    return { title: 'Signed in to ChatGPT', message: 'Flynn has stored your ChatGPT login.' };
  }
  const cancelled = (error as { code?: unknown }).code === 'OAUTH_ABORTED';
  return cancelled
    ? {
        title: 'Sign-in cancelled',
        message: 'The login was cancelled in the terminal; nothing was stored.',
      }
    : {
        title: 'Sign-in failed',
        message: error instanceof Error ? error.message : 'The login failed; nothing was stored.',
      };
}

/**
 * Starts a ChatGPT browser login: a fresh PKCE verifier and `state`, and the callback server
 * on 127.0.0.1 (`port`, default 1455). Open {@link BrowserLogin.authorizeUrl} in a browser;
 * {@link BrowserLogin.result} settles once the browser comes back (or {@link BrowserLogin.submit}
 * is given the pasted address or code), the code is exchanged at `{issuer}/oauth/token` with
 * the same `redirect_uri` and the verifier, and the tokens are stored at `openai.oauth`.
 * @throws ModelError `OAUTH_CALLBACK_PORT_IN_USE`, `OAUTH_ABORTED` (signal already fired),
 *   BrowserLoginError `invalid_port`. `result` rejects with BrowserLoginError (see
 *   {@link BrowserLoginFailure}), ModelError `OAUTH_BROWSER_LOGIN_TIMEOUT`, `OAUTH_ABORTED`,
 *   `MODEL_NETWORK`, or AuthStoreError when the store cannot be written.
 */
export async function startBrowserLogin(options: BrowserLoginOptions): Promise<BrowserLogin> {
  const { settings, signal } = options;
  const env = options.env ?? process.env;
  const aborted = () =>
    new ModelError('OAUTH_ABORTED', 'The ChatGPT login was cancelled.', { provider: 'openai' });
  if (signal?.aborted) throw aborted();
  const port = options.port ?? openAICallbackPort(env);
  const timeoutMs = options.timeoutMs ?? BROWSER_LOGIN_TIMEOUT_MS;
  const pkce = createPkce();
  const state = createState();

  let resolveResult!: (tokens: OpenAIOAuthTokens) => void;
  let rejectResult!: (error: unknown) => void;
  const result = new Promise<OpenAIOAuthTokens>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  result.catch(() => {}); // the caller's await sees it; no unhandled rejection meanwhile
  /** waiting: for an answer; exchanging: one was taken; done: the result has settled. */
  let phase: 'waiting' | 'exchanging' | 'done' = 'waiting';
  const exchangeAbort = new AbortController();

  const server = createServer((request, response) => void onRequest(request, response));
  const stopServer = () => {
    server.close();
    server.closeAllConnections();
  };
  await listen(server, port);
  const actualPort = (server.address() as AddressInfo).port;
  const redirectUri = `http://localhost:${actualPort}${CALLBACK_PATH}`;
  const expiresAt = Date.now() + timeoutMs;

  const finish = (outcome: { tokens: OpenAIOAuthTokens } | { error: unknown }) => {
    if (phase === 'done') return;
    phase = 'done';
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if ('tokens' in outcome) resolveResult(outcome.tokens);
    else rejectResult(outcome.error);
  };
  const timer = setTimeout(() => {
    // A code being exchanged is let finish: the exchange has its own time limit.
    if (phase !== 'waiting') return;
    const within =
      timeoutMs >= 60_000
        ? `${Math.round(timeoutMs / 60_000)} minute${Math.round(timeoutMs / 60_000) === 1 ? '' : 's'}`
        : `${Math.max(1, Math.round(timeoutMs / 1000))} s`;
    finish({
      error: new ModelError(
        'OAUTH_BROWSER_LOGIN_TIMEOUT',
        `No answer from the browser arrived within ${within}; nothing was stored.`,
        { provider: 'openai', remedy: LOGIN_AGAIN },
      ),
    });
    stopServer();
  }, timeoutMs);
  const onAbort = () => {
    exchangeAbort.abort();
    if (phase !== 'waiting') return;
    finish({ error: aborted() });
    stopServer();
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  const exchange = async (code: string): Promise<OpenAIOAuthTokens> => {
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: settings.clientId,
      code_verifier: pkce.verifier,
    });
    const answer = await postForJson(options.fetch ?? fetch, `${settings.issuer}/oauth/token`, {
      body: form.toString(),
      contentType: 'application/x-www-form-urlencoded',
      signal: exchangeAbort.signal,
      abortCode: 'OAUTH_ABORTED',
      ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
    });
    return storeLoginAnswer(
      answer,
      {
        unusable: (problem) =>
          new BrowserLoginError(
            'answer_unusable',
            `The sign-in server's answer cannot be used (${problem}); nothing was stored.`,
            { status: answer.status },
          ),
        refused,
      },
      options,
    );
  };

  /** Takes the one answer: its code (or the error `codeOf` throws), exchanged and stored. */
  const take = async (
    codeOf: () => string,
  ): Promise<{ ok: boolean; page: CallbackPageContent }> => {
    phase = 'exchanging';
    try {
      const tokens = await exchange(codeOf());
      finish({ tokens });
      return { ok: true, page: pageFor(undefined) };
    } catch (error) {
      const failure = (error as { code?: unknown }).code === 'OAUTH_ABORTED' ? aborted() : error;
      finish({ error: failure });
      return { ok: false, page: pageFor(failure) };
    }
  };

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const send = (status: number, content: CallbackPageContent) => {
      response.writeHead(status, CALLBACK_PAGE_HEADERS);
      response.end(callbackPage(content));
    };
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== CALLBACK_PATH) {
      // Not an answer (a favicon, a probe): it neither counts nor stops the server.
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      return void response.end('Not found\n');
    }
    if (request.method !== 'GET') {
      return send(405, {
        title: 'Not allowed',
        message: 'The sign-in answer comes as a GET request.',
      });
    }
    if (phase !== 'waiting') {
      return send(409, {
        title: 'Already answered',
        message: 'This login has already received its answer; this one was ignored.',
      });
    }
    const outcome = await take(() => codeOfRedirect(url.searchParams, state));
    // Served once: the server stops when this answer is out (or the browser went away).
    response.once('close', stopServer);
    if (response.destroyed) stopServer();
    else send(outcome.ok ? 200 : 400, outcome.page);
  }

  const query = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    scope: SCOPES,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    id_token_add_organizations: 'true',
    codex_cli_simplified_flow: 'true',
    state,
    originator: 'flynn',
  });
  return {
    authorizeUrl: `${settings.issuer}/oauth/authorize?${query.toString()}`,
    redirectUri,
    expiresAt,
    submit(input: string): boolean {
      if (phase !== 'waiting') return true;
      const pasted = parsePastedAnswer(input);
      if (!pasted) return false;
      stopServer();
      void take(() => (pasted.kind === 'code' ? pasted.code : codeOfRedirect(pasted.query, state)));
      return true;
    },
    result,
  };
}

/** {@link startBrowserLogin} with a callback for the URL, awaiting the stored tokens. */
export async function loginWithBrowser(
  options: BrowserLoginOptions & {
    onAuthorizeUrl(info: { authorizeUrl: string; redirectUri: string; expiresAt: number }): void;
  },
): Promise<OpenAIOAuthTokens> {
  const login = await startBrowserLogin(options);
  options.onAuthorizeUrl({
    authorizeUrl: login.authorizeUrl,
    redirectUri: login.redirectUri,
    expiresAt: login.expiresAt,
  });
  return login.result;
}
