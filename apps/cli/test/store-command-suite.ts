// The behaviour every store command shares (openai-key, anthropic-auth, anthropic-token,
// zai-key, github-login), run against the built binary with a temp home each.
import { readFileSync } from 'node:fs';
import { maskSecret } from '@flynn/auth-store';
import {
  createTempHome,
  startAnthropicServer,
  startOpenAIApiServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  expectRunNoLeak,
  modeOf,
  readStore,
  refusedUrl,
  storePath,
  writeStoreText,
} from './credential-helpers.js';
import { runFlynn } from './run-flynn.js';

export interface StoreCommandCase {
  /** The command line without flags, e.g. ['anthropic-auth', '--token']. */
  args: string[];
  provider: 'openai' | 'anthropic' | 'zai' | 'github';
  /** The store field, e.g. 'api_key'. */
  field: string;
  /** The kind in `--json`. */
  kind: 'api_key' | 'auth_token';
  /** Env vars that override the stored value. */
  envVars: string[];
  /** Two distinct canary secrets of the right shape. */
  canaries: [string, string];
  /** The verify server and the base URL path under it. */
  verify: { server: 'openai' | 'anthropic'; path: string };
}

/** Defines the shared `describe` block for one store command. */
export function describeStoreCommand(spec: StoreCommandCase): void {
  const [first, second] = spec.canaries;
  const envCanary = 'ENVCANARY-r8Tq2Wn6Kz4Xv1Hm9Lp3zz99';
  const all = [first, second, envCanary];
  const run = (args: string[], input: string, env: NodeJS.ProcessEnv) =>
    runFlynn([...spec.args, ...args], { env, input });
  const stored = (home: TempHome) => readStore(home)?.[spec.provider]?.[spec.field];

  describe(`flynn ${spec.args.join(' ')} (shared store behaviour)`, () => {
    let home: TempHome;
    beforeEach(() => {
      home = createTempHome();
    });
    afterEach(() => home.cleanup());

    it('stores from --stdin (trimmed) with file 0600 in a 0700 dir, printing only the masked form', async () => {
      const result = await run(['--stdin'], `  ${first}\n\n`, home.env);
      expect(result.code).toBe(0);
      expect(stored(home)).toBe(first);
      expect(modeOf(storePath(home))).toBe(0o600);
      expect(modeOf(home.configDir)).toBe(0o700);
      expect(result.stdout).toContain(maskSecret(first));
      expect(result.stdout).toContain(storePath(home));
      expectRunNoLeak(result, all);
    });

    it('reads piped stdin without --stdin, and --json describes what was stored', async () => {
      const result = await run(['--json'], first, home.env);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        stored: true,
        provider: spec.provider,
        kind: spec.kind,
        path: storePath(home),
        location: storePath(home),
        fingerprint: maskSecret(first),
        warnings: [],
      });
      expect(stored(home)).toBe(first);
      expectRunNoLeak(result, all);
    });

    it('says "already stored" and exits 0 on a rerun, keeping the stored value', async () => {
      await run(['--stdin'], first, home.env);
      const again = await run(['--stdin'], second, home.env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('already stored');
      expect(again.stdout).toContain(maskSecret(first));
      expect(again.stdout).toContain('--replace');
      expect(stored(home)).toBe(first);

      const json = await run(['--stdin', '--json'], second, home.env);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({
        stored: false,
        already_stored: true,
        fingerprint: maskSecret(first),
      });
      expectRunNoLeak(again, all);
      expectRunNoLeak(json, all);
    });

    it('replaces the stored value with --replace', async () => {
      await run(['--stdin'], first, home.env);
      const result = await run(['--stdin', '--replace', '--json'], second, home.env);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        stored: true,
        fingerprint: maskSecret(second),
      });
      expect(stored(home)).toBe(second);
      expect(modeOf(storePath(home))).toBe(0o600);
      expectRunNoLeak(result, all);
    });

    it('warns, naming only the variable, when an env var overrides the stored value', async () => {
      const variable = spec.envVars[spec.envVars.length - 1]!;
      const env = { ...home.env, [variable]: envCanary };
      const text = await run(['--stdin'], first, env);
      expect(text.code).toBe(0);
      expect(text.stderr).toMatch(new RegExp(`warning: ${variable} is set`));
      expect(stored(home)).toBe(first);

      const json = await run(['--stdin', '--json'], first, env);
      expect(JSON.parse(json.stdout).warnings).toContainEqual(
        expect.objectContaining({ code: 'env_override', variable }),
      );
      expectRunNoLeak(text, all);
      expectRunNoLeak(json, all);
    });

    it.each([
      ['empty', '', 'was empty'],
      ['whitespace-only', ' \n\t\n', 'was empty'],
      ['two words', `${first} ${second}`, 'contains spaces'],
    ])('refuses %s input with exit 1 and stores nothing', async (_name, input, message) => {
      const result = await run(['--stdin'], input, home.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('Nothing was stored');
      expect(readStore(home)).toBeUndefined();
      expectRunNoLeak(result, all);
    });

    it('fails with a typed error naming the file on a corrupt store, leaving it unchanged', async () => {
      const corrupt = `{"version":1,"${spec.provider}":{"${spec.field}":"${second}"`;
      writeStoreText(home, corrupt);
      for (const args of [['--stdin'], ['--stdin', '--replace', '--json']]) {
        const result = await run(args, first, home.env);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(storePath(home));
        expect(result.stderr).not.toContain('internal error');
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(readFileSync(storePath(home), 'utf8')).toBe(corrupt);
        expectRunNoLeak(result, all);
      }
    });

    describe('--verify', () => {
      async function startServer(accepted: string) {
        if (spec.verify.server === 'anthropic') {
          const server = await startAnthropicServer(
            spec.kind === 'auth_token' ? { authTokens: [accepted] } : { apiKeys: [accepted] },
          );
          return { server, baseUrl: `${server.url}${spec.verify.path}` };
        }
        const server = await startOpenAIApiServer({ apiKeys: [accepted] });
        return { server, baseUrl: `${server.url}${spec.verify.path}` };
      }

      it('checks the value with one authenticated call, then stores it', async () => {
        const { server, baseUrl } = await startServer(first);
        try {
          const result = await run(['--stdin', '--verify', '--base-url', baseUrl], first, home.env);
          expect(result.code).toBe(0);
          expect(result.stdout).toContain('Verified');
          expect(stored(home)).toBe(first);
          const authenticated = server.requests.filter((request) =>
            [request.headers.authorization, request.headers['x-api-key']].some((value) =>
              String(value ?? '').includes(first),
            ),
          );
          expect(authenticated.length).toBe(1);
          expectRunNoLeak(result, all);
        } finally {
          await server.close();
        }
      });

      it('reports a rejected value (401) without storing it, exit 1', async () => {
        const { server, baseUrl } = await startServer(second);
        try {
          const text = await run(['--stdin', '--verify', '--base-url', baseUrl], first, home.env);
          expect(text.code).toBe(1);
          expect(text.stderr).toMatch(/verification against .* failed/);
          expect(text.stderr).toContain('was not stored');
          expect(readStore(home)).toBeUndefined();

          const json = await run(
            ['--stdin', '--verify', '--base-url', baseUrl, '--json'],
            first,
            home.env,
          );
          expect(json.code).toBe(1);
          expect(JSON.parse(json.stdout)).toMatchObject({
            stored: false,
            verified: { ok: false, error: { code: 'MODEL_AUTH' } },
          });
          expectRunNoLeak(text, all);
          expectRunNoLeak(json, all);
        } finally {
          await server.close();
        }
      });

      it('reports a refused connection without storing, exit 1', async () => {
        const result = await run(
          ['--stdin', '--verify', '--base-url', await refusedUrl(), '--json'],
          first,
          home.env,
        );
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout).verified).toMatchObject({ ok: false });
        expect(readStore(home)).toBeUndefined();
        expectRunNoLeak(result, all);
      });

      it('verifies the stored value when one is stored and --replace is absent', async () => {
        await run(['--stdin'], first, home.env);
        const { server, baseUrl } = await startServer(second);
        try {
          const result = await run(['--verify', '--base-url', baseUrl], '', home.env);
          expect(result.code).toBe(1);
          expect(result.stdout).toContain('already stored');
          expect(stored(home)).toBe(first);
          expectRunNoLeak(result, all);
        } finally {
          await server.close();
        }
      });

      it('rejects --base-url without --verify (exit 2)', async () => {
        const result = await run(['--stdin', '--base-url', 'http://127.0.0.1:9'], first, home.env);
        expect(result.code).toBe(2);
        expect(readStore(home)).toBeUndefined();
      });
    });
  });
}
