import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_TEXT, type HostileServer, startHostileServer } from './hostile-server.js';
import { decodeJwtPayload } from './unsigned-jwt.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of a test server
type Json = any;
let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer({
    modes: {
      '/redirected': 'redirect',
      '/absurd/oauth/token': 'absurd-expiry',
      '/nojwt/oauth/token': 'no-jwt',
      '/silent': 'silence',
    },
    redirectTo: 'http://127.0.0.1:9',
  });
});
afterAll(() => server.close());

describe('startHostileServer', () => {
  it('puts escape sequences in error text and device codes', async () => {
    const body = (await (await fetch(`${server.baseURL}/models`)).json()) as Json;
    expect(body.error.message).toContain(HOSTILE_TEXT);
    const code = (await (
      await fetch(`${server.issuer}/api/accounts/deviceauth/usercode`, { method: 'POST' })
    ).json()) as Json;
    expect(code.user_code).toContain('\u001b]0;');
  });

  it('redirects to another origin, answers absurd expiries and non-JWT tokens', async () => {
    const redirect = await fetch(`${server.url}/redirected/v1/models`, { redirect: 'manual' });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe('http://127.0.0.1:9/redirected/v1/models');
    const absurd = (await (
      await fetch(`${server.url}/absurd/oauth/token`, { method: 'POST' })
    ).json()) as Json;
    expect(absurd.expires_in).toBe(1e13);
    expect(decodeJwtPayload(absurd.access_token)?.exp).toBe(1e306);
    const nojwt = (await (
      await fetch(`${server.url}/nojwt/oauth/token`, { method: 'POST' })
    ).json()) as Json;
    expect(decodeJwtPayload(nojwt.access_token)).toBeUndefined();
  });

  it('never answers a silent path', async () => {
    const outcome = await Promise.race([
      fetch(`${server.url}/silent`, { signal: AbortSignal.timeout(300) }).then(
        () => 'answered',
        () => 'timed out',
      ),
    ]);
    expect(outcome).toBe('timed out');
  });
});
