// Issue 17, the OAuth half: ChatGPT and GitHub logins stored in named profiles, a ChatGPT
// login refreshed into ITS profile, failover across two ChatGPT profiles, and GitHub's
// token expiry header recorded on `--verify` and `doctor --online`. The built binary
// against loopback servers (OpenAI issuer, Codex backend, GitHub device flow, GitHub Models).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskSecret } from '@flynn/auth-store';
import {
  type CodexBackendServer,
  createTempHome,
  type IssuedTokens,
  type OpenAIAuthServer,
  sendJson,
  startCodexBackendServer,
  startLoopbackServer,
  startOpenAIAuthServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRunNoLeak, readStore, writeStoreText } from './credential-helpers.js';
import { runFlynn } from './run-flynn.js';

const DAY = 24 * 60 * 60_000;
const GH_TOKEN = 'gho_CANARYr5Tq8Wn2Kz6Xv1Hm4Lp9Bd7e1';
const DEVICE_TOKEN = 'ghu_CANARYc3Vb6Nm9Qw2Er5Ty8Ui1Op4f2';
const PASTED = 'github_pat_CANARYa1Sd4Fg7Hj0Kl3Zx6Cv9Bn2g3';

let home: TempHome;
let issuer: OpenAIAuthServer;
let codex: CodexBackendServer;
const refuse: Record<string, { status: number; headers?: Record<string, string> }> = {};

beforeEach(async () => {
  home = createTempHome();
  for (const key of Object.keys(refuse)) delete refuse[key];
  issuer = await startOpenAIAuthServer({ interval: '0', pendingPolls: 1 });
  codex = await startCodexBackendServer({
    auth: issuer,
    text: 'Hello from Codex',
    refuseTokens: refuse,
  });
});
afterEach(async () => {
  await Promise.all([issuer.close(), codex.close()]);
  home.cleanup();
});

const env = () => ({
  ...home.env,
  FLYNN_OPENAI_ISSUER: issuer.issuer,
  FLYNN_OPENAI_CODEX_URL: codex.baseURL,
});
const configPath = () => join(home.home, 'config.yaml');
const flynn = (args: string[], input?: string, extraEnv: Record<string, string> = {}) =>
  runFlynn(['--config', configPath(), ...args], {
    env: { ...env(), ...extraEnv },
    ...(input === undefined ? {} : { input }),
  });

type Stored = Record<string, { oauth?: IssuedTokens & { last_refresh?: number } }>;
const stored = () => (readStore(home) ?? {}) as unknown as Stored;
const secretsOf = (...sets: Array<Partial<IssuedTokens> | undefined>) =>
  sets.flatMap((tokens) =>
    tokens ? [tokens.access_token, tokens.refresh_token, tokens.id_token].filter(Boolean) : [],
  ) as string[];

/** The access tokens the Codex backend saw, in order. */
function tokensSeen(): string[] {
  return codex.requests
    .filter((request) => request.path.endsWith('/responses'))
    .map((request) => String(request.headers.authorization).replace(/^Bearer /, ''));
}

function writeConfig(tier: string): void {
  writeFileSync(configPath(), `models:\n  default: { provider: openai, model: gpt-5, ${tier} }\n`);
}

describe('ChatGPT logins per profile', () => {
  it('login openai --device --profile work stores openai:work.oauth; openai-login --profile personal too; default stays; logout --profile removes one', async () => {
    writeConfig('auth_mode: oauth, profiles: [work, personal]');
    const work = await flynn(['login', 'openai', '--device', '--no-browser', '--profile', 'work']);
    expect(work.code, work.stderr).toBe(0);
    expect(work.stdout).toContain('(profile work)');
    const alias = await flynn(['openai-login', '--no-browser', '--profile', 'personal', '--json']);
    expect(alias.code, alias.stderr).toBe(0);
    expect(JSON.parse(alias.stdout)).toMatchObject({ stored: true, profile: 'personal' });

    const store = stored();
    expect(store.openai).toBeUndefined();
    const workTokens = store['openai:work']?.oauth;
    const personalTokens = store['openai:personal']?.oauth;
    expect(issuer.isValidAccessToken(workTokens?.access_token ?? '')).toBe(true);
    expect(issuer.isValidAccessToken(personalTokens?.access_token ?? '')).toBe(true);
    expect(workTokens?.access_token).not.toBe(personalTokens?.access_token);
    expect(workTokens?.expires_at).toEqual(expect.any(Number));

    // Again without --replace: already stored in that profile, nothing asked of the issuer.
    const requests = issuer.requests.length;
    const again = await flynn(['openai-login', '--no-browser', '--profile', 'work']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('A ChatGPT login (profile work) is already stored');
    expect(again.stdout).toContain('flynn openai-login --profile work --replace');
    expect(issuer.requests.length).toBe(requests);

    const doctor = JSON.parse((await flynn(['doctor', '--json'])).stdout);
    expect(doctor.profiles).toEqual({ openai: ['work', 'personal'] });
    expect(doctor.tiers[0].credentials).toEqual([
      expect.objectContaining({
        profile: 'work',
        fingerprint: maskSecret(workTokens!.access_token),
      }),
      expect.objectContaining({
        profile: 'personal',
        fingerprint: maskSecret(personalTokens!.access_token),
      }),
    ]);
    const doctorText = await flynn(['doctor']);
    expect(doctorText.stdout).toContain('ChatGPT login (profile work): access token valid until');
    // The access tokens expire within the hour, but they refresh themselves: no expiry warning.
    expect(workTokens!.expires_at - Date.now()).toBeLessThan(7 * DAY);
    expect(doctorText.stdout).not.toContain('credential-expiry');
    expect((await flynn(['doctor', '--check'])).code).toBe(0);

    const out = await flynn(['logout', 'openai', '--profile', 'work', '--oauth']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('Removed the ChatGPT login');
    expect(out.stdout).toContain('(profile work)');
    const after = stored();
    expect(after['openai:work']).toBeUndefined();
    expect(after['openai:personal']?.oauth?.access_token).toBe(personalTokens?.access_token);
    for (const run of [work, alias, again, doctorText, out]) {
      expectRunNoLeak(run, secretsOf(workTokens, personalTokens));
    }
  });

  it('refuses a bad profile name (exit 2) before asking the issuer, and --expires on a ChatGPT login', async () => {
    const bad = await flynn(['login', 'openai', '--device', '--profile', 'Work Account']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--profile takes a name');
    const expires = await flynn(['login', 'openai', '--device', '--expires', '2026-12-31']);
    expect(expires.code).toBe(2);
    expect(expires.stderr).toContain('--expires is for pasted keys');
    expect(issuer.requests).toHaveLength(0);
    expect(readStore(home)).toBeUndefined();
  });

  it('an expired access token in profile work is refreshed on ask and the rotated tokens land in work; default untouched', async () => {
    const expired = issuer.issueTokens({ expiresInSeconds: -60 });
    const other = issuer.issueTokens();
    writeStoreText(
      home,
      JSON.stringify({ version: 1, openai: { oauth: other }, 'openai:work': { oauth: expired } }),
    );
    writeConfig('auth_mode: oauth, profile: work');
    const ask = await flynn(['ask', 'hi']);
    expect(ask.code, ask.stderr).toBe(0);
    expect(ask.stdout).toBe('Hello from Codex\n');
    expect(issuer.refreshCount).toBe(1);

    const store = stored();
    const rotated = store['openai:work']?.oauth;
    expect(rotated?.access_token).not.toBe(expired.access_token);
    expect(rotated?.refresh_token).not.toBe(expired.refresh_token);
    expect(issuer.isValidAccessToken(rotated?.access_token ?? '')).toBe(true);
    expect(rotated?.expires_at).toBeGreaterThan(Date.now());
    expect(rotated?.last_refresh).toEqual(expect.any(Number));
    expect(store.openai?.oauth).toEqual(other);
    expect(tokensSeen()).toEqual([rotated?.access_token]);
    expectRunNoLeak(ask, secretsOf(expired, other, rotated));
  });

  it('a 429 on work’s ChatGPT token moves the same ask to personal’s', async () => {
    const work = issuer.issueTokens();
    const personal = issuer.issueTokens();
    writeStoreText(
      home,
      JSON.stringify({
        version: 1,
        'openai:work': { oauth: work },
        'openai:personal': { oauth: personal },
      }),
    );
    writeConfig('auth_mode: oauth, profiles: [work, personal]');
    refuse[work.access_token] = { status: 429, headers: { 'retry-after': '120' } };

    const ask = await flynn(['ask', 'hi']);
    expect(ask.code, ask.stderr).toBe(0);
    expect(ask.stdout).toBe('Hello from Codex\n');
    expect(tokensSeen()).toEqual([work.access_token, personal.access_token]);
    expect(ask.stderr).toContain('answered by profile personal');
    expect(ask.stderr).toContain('profile work: rate-limited');
    // The backend's retry-after sets the cooldown, as with API keys.
    const cooldowns = JSON.parse(readFileSync(join(home.configDir, 'auth-cooldowns.json'), 'utf8'));
    const [cooling] = Object.values(cooldowns.cooldowns) as Array<Record<string, number>>;
    expect(cooling).toMatchObject({ profile: 'work', reason: 'rate_limited' });
    expect(Number(cooling?.until) - Number(cooling?.since)).toBe(120_000);
    // The next process starts with personal while work cools down (120 s from retry-after).
    const next = await flynn(['ask', 'hi']);
    expect(next.code, next.stderr).toBe(0);
    expect(tokensSeen()).toEqual([work.access_token, personal.access_token, personal.access_token]);
    expect(issuer.refreshCount).toBe(0);
    expectRunNoLeak(ask, secretsOf(work, personal));
    expectRunNoLeak(next, secretsOf(work, personal));
  });
});

/** A directory holding a fake `gh` that prints `token` for `gh auth token`. */
function fakeGh(token: string): string {
  const bin = join(home.home, 'bin');
  mkdirSync(bin, { recursive: true });
  const gh = join(bin, 'gh');
  writeFileSync(gh, `#!/bin/sh\n[ "$1 $2" = "auth token" ] || exit 9\necho ${token}\n`);
  chmodSync(gh, 0o755);
  return bin;
}

describe('GitHub logins per profile', () => {
  it('--gh and --device store into the named profile (also through github-login)', async () => {
    const gh = await runFlynn(['login', 'github', '--gh', '--profile', 'work'], {
      env: { ...home.env, PATH: fakeGh(GH_TOKEN) },
    });
    expect(gh.code, gh.stderr).toBe(0);
    expect(gh.stdout).toContain('profile work');

    const device = await startLoopbackServer((request, response) => {
      if (request.pathname === '/login/device/code') {
        return sendJson(response, 200, {
          device_code: 'dc-0123456789',
          user_code: 'WDJB-MJHT',
          verification_uri: 'http://127.0.0.1/login/device',
          expires_in: 900,
          interval: 0,
        });
      }
      if (request.pathname === '/login/oauth/access_token') {
        return sendJson(response, 200, { access_token: DEVICE_TOKEN, token_type: 'bearer' });
      }
      sendJson(response, 404, { message: 'Not Found' });
    });
    try {
      const run = await runFlynn(
        ['github-login', '--device', '--no-browser', '--profile', 'personal'],
        {
          env: { ...home.env, FLYNN_GITHUB_URL: device.url, FLYNN_GITHUB_CLIENT_ID: 'Iv1.test' },
        },
      );
      expect(run.code, run.stderr).toBe(0);
      expectRunNoLeak(run, [DEVICE_TOKEN, GH_TOKEN]);
    } finally {
      await device.close();
    }
    const store = readStore(home);
    expect(store?.['github:work']).toEqual({ token: GH_TOKEN });
    expect(store?.['github:personal']).toEqual({ token: DEVICE_TOKEN });
    expect(store?.github).toBeUndefined();
    expectRunNoLeak(gh, [GH_TOKEN]);
  });
});

describe('GitHub’s github-authentication-token-expiration header', () => {
  /** GitHub Models' models route, answering with the token's expiry header. */
  async function startGitHubModels(expiration: () => string) {
    return startLoopbackServer((request, response) => {
      const token = String(request.headers.authorization).replace(/^Bearer /, '');
      if (token !== PASTED) return sendJson(response, 401, { message: 'Bad credentials' });
      const headers = { 'github-authentication-token-expiration': expiration() };
      if (request.pathname.endsWith('/models')) {
        return sendJson(response, 200, { object: 'list', data: [] }, headers);
      }
      sendJson(response, 404, { message: 'Not Found' }, headers);
    });
  }
  const utc = (epochMs: number) =>
    `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

  it('login --verify records it beside the token; doctor shows it and --check exits 3 within 7 days', async () => {
    const expiresAt = Math.floor((Date.now() + 3 * DAY) / 1000) * 1000;
    const server = await startGitHubModels(() => utc(expiresAt));
    try {
      writeFileSync(
        configPath(),
        `models:\n  default: { provider: github, model: openai/gpt-4.1, base_url: "${server.url}/inference" }\n`,
      );
      const login = await flynn(
        ['login', 'github', '--stdin', '--verify', '--profile', 'default', '--json'],
        `${PASTED}\n`,
      );
      expect(login.code, login.stderr).toBe(0);
      const report = JSON.parse(login.stdout);
      expect(report.verified).toMatchObject({
        ok: true,
        expires_at: new Date(expiresAt).toISOString(),
      });
      expect(readStore(home)?.github).toEqual({ token: PASTED, token_expires_at: expiresAt });

      const doctor = JSON.parse((await flynn(['doctor', '--json'])).stdout);
      expect(doctor.tiers[0].credentials[0]).toMatchObject({
        expires_at: new Date(expiresAt).toISOString(),
      });
      const check = await flynn(['doctor', '--check']);
      expect(check.code).toBe(3);
      expect(check.stdout).toMatch(
        /credential-expiry\s+github_pat_…\S+ \(.*\) expires in (2|3) days/,
      );
      expectRunNoLeak(login, [PASTED]);
      expectRunNoLeak(check, [PASTED]);
    } finally {
      await server.close();
    }
  });

  it('doctor --online records it for the stored token of the tier’s profile, without rewriting the token', async () => {
    let expiresAt = Date.now() + 90 * DAY;
    const server = await startGitHubModels(() => utc(expiresAt));
    try {
      writeFileSync(
        configPath(),
        `models:\n  default: { provider: github, model: openai/gpt-4.1, base_url: "${server.url}/inference", profile: work }\n`,
      );
      writeStoreText(
        home,
        JSON.stringify({ version: 1, 'github:work': { token: PASTED, note: 'kept' } }),
      );
      expiresAt = Math.floor((Date.now() + 2 * DAY) / 1000) * 1000;
      const online = await flynn(['doctor', '--online']);
      expect(online.code, online.stderr).toBe(0);
      expect(readStore(home)?.['github:work']).toEqual({
        token: PASTED,
        note: 'kept',
        token_expires_at: expiresAt,
      });
      const check = await flynn(['doctor', '--check']);
      expect(check.code).toBe(3);
      expectRunNoLeak(online, [PASTED]);
    } finally {
      await server.close();
    }
  });

  it('doctor --online records it for the credential that answered after a failover, not the first', async () => {
    const PERSONAL = 'github_pat_PERSONALq8Wd2Er5Ty7Ui9Op1As3Df4';
    const expiresAt = Math.floor((Date.now() + 2 * DAY) / 1000) * 1000;
    // No models route: the check is a one-token request through the tier's credentials. The
    // first (work) is rate-limited, the second (personal) answers with its own expiry.
    const server = await startLoopbackServer((request, response) => {
      const token = String(request.headers.authorization).replace(/^Bearer /, '');
      if (request.pathname.endsWith('/models'))
        return sendJson(response, 404, { message: 'Not Found' });
      if (token === PASTED) {
        return sendJson(
          response,
          429,
          { message: 'Too many requests' },
          {
            'github-authentication-token-expiration': utc(Date.now() + 60 * DAY),
            'retry-after': '60',
          },
        );
      }
      if (token !== PERSONAL) return sendJson(response, 401, { message: 'Bad credentials' });
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'github-authentication-token-expiration': utc(expiresAt),
      });
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'openai/gpt-4.1', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      response.end(`${chunk({ content: 'ok' }, null)}${chunk({}, 'stop')}data: [DONE]\n\n`);
    });
    try {
      writeFileSync(
        configPath(),
        `models:\n  default: { provider: github, model: openai/gpt-4.1, base_url: "${server.url}/inference", profiles: [work, personal] }\n`,
      );
      writeStoreText(
        home,
        JSON.stringify({
          version: 1,
          'github:work': { token: PASTED },
          'github:personal': { token: PERSONAL },
        }),
      );
      const online = await flynn(['doctor', '--online']);
      expect(online.code, online.stdout + online.stderr).toBe(0);
      const store = readStore(home);
      expect(store?.['github:personal']).toEqual({ token: PERSONAL, token_expires_at: expiresAt });
      expect(store?.['github:work']).toEqual({ token: PASTED });
      expectRunNoLeak(online, [PASTED, PERSONAL]);
    } finally {
      await server.close();
    }
  });
});
