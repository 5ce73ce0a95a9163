// `flynn doctor` runs from a bundle of its own (dist/doctor.cjs, src/doctor-main.ts) so that
// offline doctor, a budgeted start-up, loads half the code. Two guarantees are checked here on
// the built files: the bin really loads that bundle for `doctor` (and main.cjs for the rest),
// and `flynn doctor ...` answers exactly as the bundle with every command answers it: the same
// output, errors, help and exit code.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { createTempHome, runBin, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLYNN_BIN, runFlynn } from './run-flynn.js';

const DIST = dirname(FLYNN_BIN);
/** Node 22.1+ caches by itself (module.enableCompileCache); Node 20 takes the V8 path. */
const v8Path =
  typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache !== 'function';

let home: TempHome;
beforeEach(() => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(home.configDir, 'config.yaml'),
    [
      'models:',
      '  default: { provider: anthropic, model: claude-sonnet-4-5 }',
      '  fast: { provider: openai, model: gpt-5-mini, auth_mode: oauth }',
      '  local: { provider: ollama, model: llama3.2, base_url: "http://127.0.0.1:9/v1" }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(home.configDir, 'auth.json'),
    JSON.stringify({ version: 1, anthropic: { api_key: 'sk-ant-api03-bundleProbe0000000000xyz' } }),
    { mode: 0o600 },
  );
});
afterEach(() => home.cleanup());

/** Runs `main(args)` of one built bundle, as the bin would (no compile cache). */
function runBundle(bundle: 'main.cjs' | 'doctor.cjs', args: string[]) {
  const script = join(home.home, 'run-bundle.cjs');
  writeFileSync(
    script,
    `const [bundle, ...args] = process.argv.slice(2);
require(bundle).main(args, 'test-version').then((code) => { process.exitCode = code; });\n`,
  );
  return runBin(script, [join(DIST, bundle), ...args], { env: home.env });
}

describe("flynn doctor's own bundle", () => {
  it.skipIf(!v8Path)(
    'the bin loads dist/doctor.cjs for doctor, dist/main.cjs for the rest',
    async () => {
      const cache = join(home.home, 'cache');
      const env = { ...home.env, FLYNN_CACHE_DIR: cache };
      // Exit 1: the `fast` tier has no ChatGPT login (the report is complete either way).
      expect((await runFlynn(['doctor'], { env })).stdout).toContain('Tiers');
      const afterDoctor = readdirSync(cache).filter((name) => name.endsWith('.v8cache'));
      expect(afterDoctor.filter((name) => name.startsWith('doctor.cjs-'))).toHaveLength(1);
      expect(afterDoctor.filter((name) => name.startsWith('main.cjs-'))).toEqual([]);
      expect((await runFlynn(['status'], { env })).stdout).toContain('default');
      const afterStatus = readdirSync(cache).filter((name) => name.startsWith('main.cjs-'));
      expect(afterStatus).toEqual([expect.stringMatching(/^main\.cjs-[0-9a-f]{32}-status-/)]);
    },
  );

  it.each([
    [['doctor']],
    [['doctor', '--json']],
    [['doctor', '--check']],
    [['--config', 'missing.yaml', 'doctor']],
    [['doctor', '--help']],
    [['doctor', '--onlin']],
    [['doctor', 'extra']],
    [['doctor', '--timeout', '0']],
    [['doctor', '--api-key', 'sk-proj-typedOnTheCommandLine000000']],
  ])('flynn %j answers as the full bundle does', async (args) => {
    const [full, own] = await Promise.all([
      runBundle('main.cjs', args),
      runBundle('doctor.cjs', args),
    ]);
    expect(own.stderr).toBe(full.stderr);
    expect(own.stdout).toBe(full.stdout);
    expect(own.code).toBe(full.code);
    expect(`${own.stdout}${own.stderr}`).not.toBe('');
  });

  it('offline doctor alone ends the process at once when done; --online and other commands end on their own', async () => {
    const env = { ...home.env, FLYNN_TIMING: '1' };
    const ended = async (args: string[]) =>
      (await runFlynn(args, { env })).stderr.includes('ended at once');
    expect(await ended(['doctor'])).toBe(true);
    expect(await ended(['doctor', '--json'])).toBe(true);
    expect(await ended(['doctor', '--online', '--timeout', '2'])).toBe(false);
    expect(await ended(['status'])).toBe(false);
  });

  it('a report larger than a pipe holds arrives whole to a slow reader, though doctor ends at once', async () => {
    // 300 local providers: about 10 times what a pipe buffers, so the writes wait on the
    // reader, who starts reading only after half a second.
    const providers = Array.from(
      { length: 300 },
      (_, index) =>
        `    - { name: lp${index}, provider: openai-compatible, model: m${index}, base_url: "http://127.0.0.1:9/v${index}" }`,
    );
    const file = join(home.home, 'big.yaml');
    writeFileSync(
      file,
      [
        'models:',
        '  default: { provider: anthropic, model: x }',
        '  local_providers:',
        ...providers,
        '',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [FLYNN_BIN, 'doctor', '--json', '--config', file], {
      env: { ...home.env, FLYNN_TIMING: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const code = await new Promise((resolve) => child.on('close', resolve));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.length).toBeGreaterThan(200_000);
    const report = JSON.parse(text) as { tiers: unknown[] };
    expect(report.tiers).toHaveLength(301);
    expect(code).toBe(0);
    expect(stderr).toContain('ended at once');
  });
});
