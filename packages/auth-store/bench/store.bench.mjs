#!/usr/bin/env node
// Benchmarks for @flynn/auth-store (DESIGN section 11). Not a test: it prints figures.
// Run after `pnpm build`: `pnpm bench` (in this package).
//   1. Resolving every tier of a 4-tier + 2-local-provider config after the first store
//      read (target: median under 1 ms for all six).
//   2. Contention: 16 processes x 25 writes each; writes per second and lock-wait percentiles.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  readAuthStore,
  resolveCredential,
  storeAnthropicAuthToken,
  storeOpenAIApiKey,
  storeOpenAIOAuth,
  storeZaiApiKey,
  updateAuthStore,
} from '../dist/index.js';

const PROCESSES = 16;
const WRITES = 25;
const now = () => performance.timeOrigin + performance.now();

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function worker(path, id) {
  const waits = [];
  const started = now();
  for (let field = 0; field < WRITES; field++) {
    const called = now();
    await updateAuthStore(
      (data) => {
        waits.push(now() - called);
        data[`bench-${id}`] = { ...data[`bench-${id}`], [`f${field}`]: 'x' };
      },
      { path, env: {}, lockTimeoutMs: 120_000 },
    );
  }
  process.stdout.write(JSON.stringify({ waits, started, finished: now() }));
}

async function resolution(path) {
  const options = { path, env: {} };
  await storeOpenAIApiKey('sk-proj-bench-api-key-000000000000', options);
  await storeOpenAIOAuth(
    { access_token: 'eyJ.bench.access-1111', refresh_token: 'rt-bench' },
    options,
  );
  await storeAnthropicAuthToken('sk-ant-oat01-bench-token-22222222', options);
  await storeZaiApiKey('bench.zai.key.3333333333', options);

  const firstReadStart = now();
  const store = await readAuthStore(options);
  const firstRead = now() - firstReadStart;
  const base = { modeOrigin: 'default', config: {}, env: {}, store, storePath: path };
  const tiers = [
    { tier: 'default', provider: 'anthropic', mode: 'auto', configPath: 'models.default' },
    { tier: 'fast', provider: 'openai', mode: 'oauth', configPath: 'models.fast' },
    { tier: 'complex', provider: 'openai', mode: 'auto', configPath: 'models.complex' },
    { tier: 'local', provider: 'ollama', mode: 'auto', configPath: 'models.local' },
    {
      tier: 'lmstudio',
      provider: 'openai-compatible',
      mode: 'auto',
      configPath: 'models.local_providers[0]',
    },
    { tier: 'glm', provider: 'zai', mode: 'auto', configPath: 'models.local_providers[1]' },
  ].map((tier) => ({ ...base, ...tier }));

  const samples = [];
  for (let round = 0; round < 5_000; round++) {
    const start = now();
    for (const request of tiers) resolveCredential(request);
    samples.push(now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log('Resolution of all 6 tiers after the first read (5000 rounds)');
  console.log(`  first store read:  ${firstRead.toFixed(3)} ms`);
  console.log(`  median:            ${percentile(samples, 0.5).toFixed(4)} ms (target < 1 ms)`);
  console.log(`  p99:               ${percentile(samples, 0.99).toFixed(4)} ms`);
  benchResult(
    'resolve every tier after the first read (median)',
    percentile(samples, 0.5),
    ' ms',
    1,
  );
}

/** A machine-readable line for the root suite (bench/run.mjs). */
function benchResult(name, value, unit, budget, max = true) {
  const ok = budget === undefined ? undefined : max ? value <= budget : value >= budget;
  console.log(`BENCH_RESULT ${JSON.stringify({ name, value, unit, budget, max, ok })}`);
}

async function contention(path) {
  const script = fileURLToPath(import.meta.url);
  // Children need no TLS: skip loading an extra CA bundle at startup.
  const env = { PATH: process.env.PATH ?? '' };
  const runs = await Promise.all(
    Array.from({ length: PROCESSES }, (_, id) => {
      const child = spawn(process.execPath, [script, '--worker', path, String(id)], { env });
      let output = '';
      let errors = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        errors += chunk;
      });
      return new Promise((resolve, reject) =>
        child.on('close', (code) =>
          code === 0
            ? resolve(JSON.parse(output))
            : reject(new Error(`worker ${id} exited ${code}: ${errors}`)),
        ),
      );
    }),
  );
  const waits = runs.flatMap((run) => run.waits).sort((a, b) => a - b);
  const seconds =
    (Math.max(...runs.map((run) => run.finished)) - Math.min(...runs.map((run) => run.started))) /
    1000;
  const data = await readAuthStore({ path, env: {} });
  let persisted = 0;
  for (let id = 0; id < PROCESSES; id++) persisted += Object.keys(data[`bench-${id}`] ?? {}).length;

  console.log(`Contention: ${PROCESSES} processes x ${WRITES} writes`);
  console.log(`  persisted:         ${persisted} / ${PROCESSES * WRITES}`);
  console.log(
    `  throughput:        ${(waits.length / seconds).toFixed(0)} writes/s (${seconds.toFixed(2)} s from first to last write)`,
  );
  console.log(`  lock wait p50:     ${percentile(waits, 0.5).toFixed(1)} ms`);
  console.log(`  lock wait p99:     ${percentile(waits, 0.99).toFixed(1)} ms`);
  console.log(`  lock wait max:     ${waits[waits.length - 1].toFixed(1)} ms`);
  benchResult(
    `store contention: writes persisted of ${PROCESSES * WRITES}`,
    persisted,
    '',
    PROCESSES * WRITES,
    false,
  );
  benchResult(
    `store contention: throughput (${PROCESSES} writers)`,
    waits.length / seconds,
    ' writes/s',
  );
  benchResult('store contention: lock wait p99', percentile(waits, 0.99), ' ms');
  if (persisted !== PROCESSES * WRITES) process.exitCode = 1;
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3], process.argv[4]);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'flynn-auth-store-bench-'));
  try {
    await resolution(join(dir, 'resolution', 'auth.json'));
    await contention(join(dir, 'contention', 'auth.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
