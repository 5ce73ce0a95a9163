// A loopback server that answers like OpenAI's auth server, the ChatGPT Codex backend, the
// OpenAI API and the Anthropic API, but as an attacker (or a broken proxy) would: per path,
// text fields full of terminal escape sequences, redirects to another origin, absurd or
// missing token claims, or silence. Tests drive Flynn's device login, refresh, Codex,
// OpenAI/Anthropic-style and doctor --online paths against it and assert that nothing raw
// reaches the terminal, no credential follows a redirect, nothing bad is stored, and every
// wait ends. Only 127.0.0.1.
import { type LoopbackServer, sendJson, startLoopbackServer } from './loopback-server.js';
import { encodeUnsignedJwt } from './unsigned-jwt.js';

/** What a path does. */
export type HostileMode =
  /** Answer normally, with ESC/OSC/BEL/C1/CR/backspace in every text field. */
  | 'escapes'
  /** 307 to the same path on `redirectTo` (another origin). */
  | 'redirect'
  /** Token answers with `expires_in` and JWT `exp` of 1e13 and 1e306. */
  | 'absurd-expiry'
  /** Token answers whose access token is not a JWT. */
  | 'no-jwt'
  /** Token answers whose id token has no ChatGPT account id. */
  | 'no-account'
  /** Accept the request and never answer. */
  | 'silence';

/** Escape sequences a terminal would obey: OSC title + clipboard, clear screen, C1 CSI, CR, BS. */
export const HOSTILE_TEXT =
  'evil\u001b]0;pwned-title\u0007\u001b]52;c;cGF3bmVk\u0007\u001b[2J\u009b31m\rfake$ \u0008\u0008';

export interface HostileServerOptions {
  /** Mode per path prefix (`/oauth/token`, `/v1/models`, ...); unlisted paths use `fallback`. */
  modes?: Record<string, HostileMode>;
  /** Default mode (default `escapes`). */
  fallback?: HostileMode;
  /** The origin `redirect` sends to (a recording server of the test's). */
  redirectTo?: string;
}

export interface HostileServer extends LoopbackServer {
  /** `${url}/v1`, an OpenAI-style `baseURL`. */
  baseURL: string;
  /** The issuer URL for the auth-server paths (the server root). */
  issuer: string;
}

function modeFor(pathname: string, options: HostileServerOptions): HostileMode {
  const match = Object.entries(options.modes ?? {})
    .filter(([prefix]) => pathname.startsWith(prefix))
    .sort((a, b) => b[0].length - a[0].length)[0];
  return match?.[1] ?? options.fallback ?? 'escapes';
}

function tokens(mode: HostileMode) {
  const absurd = mode === 'absurd-expiry';
  const exp = absurd ? 1e306 : Math.floor(Date.now() / 1000) + 3600;
  const accountClaim = mode === 'no-account' ? {} : { chatgpt_account_id: `acct-${HOSTILE_TEXT}` };
  return {
    access_token: mode === 'no-jwt' ? `not-a-jwt-${HOSTILE_TEXT}` : encodeUnsignedJwt({ exp }),
    refresh_token: `rt-hostile-${Date.now()}`,
    id_token: encodeUnsignedJwt({ exp, 'https://api.openai.com/auth': accountClaim }),
    ...(absurd ? { expires_in: 1e13 } : { expires_in: 3600 }),
  };
}

/** Starts the hostile server on 127.0.0.1. */
export async function startHostileServer(
  options: HostileServerOptions = {},
): Promise<HostileServer> {
  const server = await startLoopbackServer((request, response) => {
    const mode = modeFor(request.pathname, options);
    if (mode === 'silence') return new Promise<void>(() => {});
    if (mode === 'redirect') {
      response.writeHead(307, {
        location: `${options.redirectTo ?? 'http://127.0.0.1:9'}${request.path}`,
      });
      response.end();
      return;
    }
    const path = request.pathname;
    if (path.endsWith('/deviceauth/usercode')) {
      return sendJson(response, 200, {
        device_auth_id: `dev-${HOSTILE_TEXT}`,
        user_code: `CODE-${HOSTILE_TEXT}`,
        interval: '0',
      });
    }
    if (path.endsWith('/deviceauth/token')) {
      return sendJson(response, 200, {
        authorization_code: 'code-hostile',
        code_challenge: 'challenge',
        code_verifier: 'verifier',
      });
    }
    if (path.endsWith('/oauth/token')) {
      if (mode === 'escapes') {
        return sendJson(response, 400, {
          error: 'invalid_grant',
          error_description: `refused ${HOSTILE_TEXT}`,
        });
      }
      return sendJson(response, 200, tokens(mode));
    }
    if (
      path.endsWith('/messages') ||
      (path.endsWith('/models') && request.headers['anthropic-version'])
    ) {
      return sendJson(response, 401, {
        type: 'error',
        error: { type: 'authentication_error', message: `bad key ${HOSTILE_TEXT}` },
      });
    }
    // OpenAI API, Codex backend and any other OpenAI-style path: an error body full of escapes.
    return sendJson(response, 401, {
      error: {
        message: `Incorrect API key provided ${HOSTILE_TEXT}`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    });
  });
  return { ...server, baseURL: `${server.url}/v1`, issuer: server.url };
}
