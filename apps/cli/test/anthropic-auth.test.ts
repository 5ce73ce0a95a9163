import { maskSecret } from '@flynn/auth-store';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRunNoLeak, readStore, writeStoreText } from './credential-helpers.js';
import { runFlynn } from './run-flynn.js';
import { describeStoreCommand } from './store-command-suite.js';

const API_KEY = 'sk-ant-api03-CANARYk2Vb7Nq4Wz8Lp1Xr6Ty3Hm01f1';
const TOKEN = 'sk-ant-oat01-CANARYf9Gd4Ks7Jw2Qn5Pc8Rv1Bz02e2';
const GATEWAY_TOKEN = 'gw-CANARYm3Xt8Vq5Ld1Wr7Hn4Ky03d3';

describeStoreCommand({
  args: ['anthropic-auth'],
  provider: 'anthropic',
  field: 'api_key',
  kind: 'api_key',
  envVars: ['ANTHROPIC_API_KEY'],
  canaries: [API_KEY, 'sk-ant-api03-CANARYp6Wc1Zr9Tm4Qh8Kx2Nv5Dj02g2'],
  verify: { server: 'anthropic', path: '' },
});

describeStoreCommand({
  args: ['anthropic-token'],
  provider: 'anthropic',
  field: 'auth_token',
  kind: 'auth_token',
  envVars: ['ANTHROPIC_AUTH_TOKEN'],
  canaries: [TOKEN, 'sk-ant-oat01-CANARYs1Bf6Yn3Qk9Wd4Lt7Mx2Gp03h3'],
  verify: { server: 'anthropic', path: '' },
});

describe('flynn anthropic-auth: kinds', () => {
  let home: TempHome;
  beforeEach(() => {
    home = createTempHome();
  });
  afterEach(() => home.cleanup());
  const secrets = [API_KEY, TOKEN, GATEWAY_TOKEN];

  it('--token stores the auth token like anthropic-token, next to the API key', async () => {
    await runFlynn(['anthropic-auth', '--stdin'], { env: home.env, input: API_KEY });
    const result = await runFlynn(['anthropic-auth', '--token', '--stdin', '--json'], {
      env: home.env,
      input: GATEWAY_TOKEN,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      stored: true,
      provider: 'anthropic',
      kind: 'auth_token',
      fingerprint: maskSecret(GATEWAY_TOKEN),
    });
    expect(readStore(home)?.anthropic).toEqual({ api_key: API_KEY, auth_token: GATEWAY_TOKEN });
    expectRunNoLeak(result, secrets);
  });

  it('warns and stores when an sk-ant-oat token is given as an API key, naming anthropic-token', async () => {
    const text = await runFlynn(['anthropic-auth', '--stdin'], { env: home.env, input: TOKEN });
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('warning: This looks like an Anthropic auth token');
    expect(text.stderr).toContain('`flynn anthropic-token`');
    expect(text.stderr).toContain('`flynn logout anthropic --api-key`');
    expect(readStore(home)?.anthropic?.api_key).toBe(TOKEN);
    expectRunNoLeak(text, secrets);
  });

  it('warns when an sk-ant-api key is given as a token (--json lists the warning)', async () => {
    const result = await runFlynn(['anthropic-token', '--stdin', '--json'], {
      env: home.env,
      input: API_KEY,
    });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.warnings).toEqual([expect.objectContaining({ code: 'looks_like_other_kind' })]);
    expect(json.warnings[0].message).toContain('`flynn anthropic-auth`');
    expect(readStore(home)?.anthropic?.auth_token).toBe(API_KEY);
    expectRunNoLeak(result, secrets);
  });

  it('gives no shape warning for a gateway token of no known shape', async () => {
    const result = await runFlynn(['anthropic-token', '--stdin'], {
      env: home.env,
      input: GATEWAY_TOKEN,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('warns that an API key wins in auth_mode auto when storing a token', async () => {
    writeStoreText(home, JSON.stringify({ version: 1, anthropic: { api_key: API_KEY } }));
    const result = await runFlynn(['anthropic-token', '--stdin', '--json'], {
      env: { ...home.env, ANTHROPIC_API_KEY: `${API_KEY}x` },
      input: TOKEN,
    });
    expect(result.code).toBe(0);
    const warnings = JSON.parse(result.stdout).warnings;
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'auto_mode_prefers_api_key', variable: 'ANTHROPIC_API_KEY' }),
      expect.objectContaining({ code: 'auto_mode_prefers_api_key' }),
    ]);
    expectRunNoLeak(result, [...secrets, `${API_KEY}x`]);
  });
});
