#!/usr/bin/env node
// What the keyring backend costs a read of the store (docs/performance.md): the same four
// credentials read with `readAuthStore` from auth.json and from a real Secret Service
// (gnome-keyring-daemon on a private session bus, started here and stopped at the end). Not
// a test: it prints figures. Run after `pnpm build`. Needs dbus-run-session and
// gnome-keyring-daemon (Debian: dbus, gnome-keyring).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  readAuthStore,
  readAuthStoreSync,
  storeAnthropicAuthToken,
  storeOpenAIApiKey,
  storeOpenAIOAuth,
  storeZaiApiKey,
} from '../dist/index.js';

const ROUNDS = 30;
const dir = mkdtempSync(join(tmpdir(), 'flynn-keyring-bench-'));

function benchResult(name, value, unit, budget, max = true) {
  const ok = budget === undefined ? undefined : max ? value <= budget : value >= budget;
  console.log(`BENCH_RESULT ${JSON.stringify({ name, value, unit, budget, max, ok })}`);
}

/** A session bus with gnome-keyring-daemon unlocked on it (as @flynn/testkit's kit does). */
async function startSecretService() {
  const runtime = join(dir, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const address = join(dir, 'bus-address');
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_RUNTIME_DIR: runtime,
  };
  const script = [
    'printf %s "$DBUS_SESSION_BUS_ADDRESS" > "$1"',
    'printf %s bench | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &',
    'cat >/dev/null',
    'kill $!',
  ].join('\n');
  const session = spawn('dbus-run-session', ['--', 'sh', '-c', script, 'sh', address], {
    env,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  for (let tries = 0; tries < 400; tries++) {
    try {
      const bus = readFileSync(address, 'utf8');
      if (bus) return { bus, stop: () => session.stdin.end() };
    } catch {
      // not yet
    }
    await sleep(25);
  }
  throw new Error('the session bus did not start');
}

async function fill(path, env) {
  const options = { path, env };
  await storeOpenAIApiKey('sk-proj-bench-api-key-000000000000', options);
  await storeOpenAIOAuth({ access_token: 'eyJ.bench.access', refresh_token: 'rt-bench' }, options);
  await storeAnthropicAuthToken('sk-ant-oat01-bench-token-22222222', options);
  await storeZaiApiKey('bench.zai.key.3333333333', options);
}

async function median(read) {
  const samples = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    await read();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

let service;
try {
  service = await startSecretService();
  process.env.DBUS_SESSION_BUS_ADDRESS = service.bus;
  // The keyring helper is a Node child: time it as a user's machine would run it.
  delete process.env.NODE_EXTRA_CA_CERTS;
  const filePath = join(dir, 'file', 'auth.json');
  const keyringPath = join(dir, 'keyring', 'auth.json');
  await fill(filePath, { FLYNN_CREDENTIAL_STORE: 'file' });
  await fill(keyringPath, { FLYNN_CREDENTIAL_STORE: 'keyring' });

  const file = await median(() => readAuthStore({ path: filePath, env: {} }));
  const keyring = await median(() => readAuthStore({ path: keyringPath, env: {} }));
  const keyringSync = await median(() => readAuthStoreSync({ path: keyringPath, env: {} }));
  console.log(`Store read, 4 credentials, median of ${ROUNDS}`);
  console.log(`  auth.json:                 ${file.toFixed(2)} ms`);
  console.log(`  keyring (readAuthStore):   ${keyring.toFixed(1)} ms`);
  console.log(`  keyring (readAuthStoreSync): ${keyringSync.toFixed(1)} ms`);
  console.log(
    '  (one helper process per read: node start-up, the native module, one D-Bus session)',
  );
  benchResult('store read from the keyring, 4 credentials (median)', keyring, ' ms', 150);
  benchResult('store read from auth.json, 4 credentials (median)', file, ' ms', 1);
} finally {
  service?.stop();
  rmSync(dir, { recursive: true, force: true });
}
