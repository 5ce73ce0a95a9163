import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPassStore,
  gpgAgentPid,
  type PassStore,
  passAvailable,
  processAlive,
} from './pass-store.js';

const available = passAvailable();

/** Runs a command with exactly `env`, no stdin and no controlling terminal (so no prompt). */
function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      timeout: 10_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The env a Flynn test gives its child: PATH, the test's own temp HOME, and the store's env. */
function childEnv(store: PassStore): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...store.env };
}

// CI installs pass and gnupg (.ci/run), so there a missing one is a failure, not a skip.
it.runIf(Boolean(process.env.CI))(
  'pass, gpg and gpgconf are installed on CI (.ci/run installs them)',
  () => {
    expect(available, 'pass, gpg or gpgconf is not on PATH; .ci/run installs pass and gnupg').toBe(
      true,
    );
  },
);

describe.skipIf(!available)(
  'createPassStore (needs pass and gpg on PATH: apt-get install pass gnupg; skipped without them)',
  () => {
    let store: PassStore;
    beforeAll(async () => {
      store = await createPassStore({ entries: { 'flynn/openai': 'sk-test-pass-0123456789' } });
    });
    afterAll(() => store?.cleanup());

    it('`pass show` with the store env prints the entry and a newline, with no prompt', async () => {
      const shown = await run('pass', ['show', 'flynn/openai'], childEnv(store));
      expect(shown).toMatchObject({ code: 0, stdout: 'sk-test-pass-0123456789\n' });
    });

    it('insert adds or replaces an entry, stored byte for byte plus the newline', async () => {
      await store.insert('flynn/other', 'first');
      await store.insert('flynn/other', '  spaced value  ');
      const shown = await run('pass', ['show', 'flynn/other'], childEnv(store));
      expect(shown).toMatchObject({ code: 0, stdout: '  spaced value  \n' });
    });

    it('names only its own temp dir: GNUPGHOME (mode 0700) and PASSWORD_STORE_DIR', () => {
      expect(Object.keys(store.env).sort()).toEqual(['GNUPGHOME', 'PASSWORD_STORE_DIR']);
      for (const value of Object.values(store.env)) {
        expect(value.startsWith(`${store.dir}/`)).toBe(true);
      }
      const gnupgHome = store.env.GNUPGHOME!;
      expect(statSync(gnupgHome).mode & 0o777).toBe(0o700);
      expect(existsSync(`${store.env.PASSWORD_STORE_DIR}/flynn/openai.gpg`)).toBe(true);
    });

    it('cleanup stops the gpg-agent of its GNUPGHOME and removes the directory', async () => {
      const own = await createPassStore({ entries: { a: 'b' } });
      const pid = await gpgAgentPid(childEnv(own));
      expect(pid).toBeTypeOf('number');
      expect(processAlive(pid!)).toBe(true);
      await own.cleanup();
      expect(existsSync(own.dir)).toBe(false);
      expect(processAlive(pid!)).toBe(false);
      await own.cleanup(); // a second call is harmless
    });
  },
);
