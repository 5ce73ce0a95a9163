// `--config PATH` reaches every command, before or after the command name. The credential
// commands read it for the tiers that would use the credential (an inline value that wins
// over the store, the endpoint `--verify` calls); the store itself stays in the Flynn
// config directory (FLYNN_CONFIG_DIR), wherever the config file is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskSecret } from '@flynn/auth-store';
import {
  createTempHome,
  startAnthropicServer,
  startOpenAIApiServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRunNoLeak, readStore, storePath } from './credential-helpers.js';
import { runFlynn } from './run-flynn.js';

const INLINE = 'sk-proj-inlineCfgKey7Tq2Wn6Kz4Xv1Hm9Lp3a1b2';
const PASTED = 'sk-proj-pastedKey3Rb8Xh2Mv6Dq4Cn9Fs1Ut0c3d4';
const TOKEN = 'sk-ant-oat01-pastedToken5Lw3Gk8Qm7Vx2Tz4e5f6';

let home: TempHome;
let elsewhere: string;
beforeEach(() => {
  home = createTempHome();
  // A config file outside the Flynn config directory.
  elsewhere = join(home.home, 'project');
  mkdirSync(elsewhere);
});
afterEach(() => home.cleanup());

function writeConfig(yaml: string): string {
  const file = join(elsewhere, 'flynn.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('--config with the credential commands', () => {
  it('openai-key names a tier whose inline api_key wins over the store, before or after the command', async () => {
    const file = writeConfig(
      'models:\n' +
        `  default: {provider: openai, model: m, api_key: "${INLINE}"}\n` +
        '  fast: {provider: openai, model: m, auth_mode: oauth}\n',
    );
    for (const args of [
      ['--config', file, 'openai-key', '--json'],
      ['openai-key', '--config', file, '--json', '--replace'],
    ]) {
      const run = await runFlynn(args, { env: home.env, input: PASTED });
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ stored: true, path: storePath(home) });
      expect(report.warnings).toEqual([
        {
          code: 'config_override',
          location: 'models.default.api_key',
          message: `models.default.api_key is set in ${file} and takes precedence over the stored OpenAI API key for tier "default"; delete it to use the stored one.`,
        },
      ]);
      expectRunNoLeak(run, [INLINE, PASTED]);
    }
    // The store stays in the config directory, not beside the --config file.
    expect(readStore(home)?.openai?.api_key).toBe(PASTED);
  });

  it('--verify calls the base_url of the tier that would use the key (with its headers)', async () => {
    const openai = await startOpenAIApiServer({ apiKeys: [PASTED] });
    try {
      const file = writeConfig(
        'models:\n' +
          '  default: {provider: anthropic, model: c}\n' +
          `  complex: {provider: openai, model: m, base_url: "${openai.baseURL}", headers: {X-Gateway: flynn}}\n`,
      );
      const run = await runFlynn(['--config', file, 'openai-key', '--verify', '--json'], {
        env: home.env,
        input: PASTED,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        stored: true,
        fingerprint: maskSecret(PASTED),
        verified: {
          ok: true,
          base_url: openai.baseURL,
          base_url_from: 'models.complex.base_url',
          check: 'models',
          checked_with: 'checked with the models route',
        },
      });
      expect(openai.requests).toHaveLength(1);
      expect(openai.requests[0]?.headers.authorization).toBe(`Bearer ${PASTED}`);
      expect(openai.requests[0]?.headers['x-gateway']).toBe('flynn');

      const text = await runFlynn(['openai-key', '--verify', '--config', file], {
        env: home.env,
      });
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(
        `Verified: the OpenAI API key works with ${openai.baseURL} (models.complex.base_url) (checked with the models route).`,
      );
      expectRunNoLeak(run, [PASTED]);
    } finally {
      await openai.close();
    }
  });

  it('anthropic-token --verify uses a tier that reads auth tokens; --base-url still wins', async () => {
    const anthropic = await startAnthropicServer({ authTokens: [TOKEN] });
    try {
      const file = writeConfig(
        'models:\n' +
          '  default: {provider: anthropic, model: c, auth_mode: api_key, base_url: "http://127.0.0.1:9"}\n' +
          `  fast: {provider: anthropic, model: c, auth_mode: oauth, base_url: "${anthropic.baseURL}"}\n`,
      );
      const run = await runFlynn(['--config', file, 'anthropic-token', '--verify', '--json'], {
        env: home.env,
        input: TOKEN,
      });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).verified).toEqual({
        ok: true,
        base_url: anthropic.baseURL,
        base_url_from: 'models.fast.base_url',
        check: 'models',
        checked_with: 'checked with the models route',
      });
      expect(anthropic.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);

      const explicit = await runFlynn(
        ['--config', file, 'anthropic-token', '--verify', '--base-url', 'http://127.0.0.1:9'],
        { env: home.env, input: TOKEN },
      );
      expect(explicit.code).toBe(1);
      expect(explicit.stderr).toContain('verification against http://127.0.0.1:9 failed');
      expectRunNoLeak(run, [TOKEN]);
      expectRunNoLeak(explicit, [TOKEN]);
    } finally {
      await anthropic.close();
    }
  });

  it('an unusable --config file is a warning: the key is still stored', async () => {
    const file = writeConfig('models:\n  fast: [provider: openai\n');
    const run = await runFlynn(['--config', file, 'zai-key', '--json'], {
      env: home.env,
      input: 'zai-key-0123456789abcdef',
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).warnings).toEqual([
      {
        code: 'config_invalid',
        message: `The config file ${file} could not be used, so its tiers were not checked; run \`flynn config validate\` to see why.`,
      },
    ]);
    expect(readStore(home)?.zai?.api_key).toBe('zai-key-0123456789abcdef');
  });

  it('logout says which tiers keep using their own inline value', async () => {
    const file = writeConfig(
      `models:\n  default: {provider: openai, model: m, api_key: "${INLINE}"}\n`,
    );
    await runFlynn(['openai-key'], { env: home.env, input: PASTED });
    const run = await runFlynn(['--config', file, 'logout', 'openai', '--api-key', '--json'], {
      env: home.env,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      removed: [{ kind: 'api_key', fingerprint: maskSecret(PASTED) }],
      path: storePath(home),
      warnings: [
        {
          code: 'config_override',
          location: 'models.default.api_key',
          message: `models.default.api_key is still set in ${file}; tier "default" keeps using it until you delete it.`,
        },
      ],
    });
    expect(readStore(home)?.openai?.api_key).toBeUndefined();
    expectRunNoLeak(run, [INLINE, PASTED]);
  });
});
