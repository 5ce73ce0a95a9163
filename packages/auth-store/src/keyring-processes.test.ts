// The store's multi-process guarantees on the keyring backend, against a real Secret Service:
// concurrent writers lose no update, and a writer killed with SIGKILL at any moment leaves a
// store that reads, with each value old or new, never corrupt. Workers run the built package
// (test/fixtures/store-worker.mjs) as other Flynn processes would.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { useSecretService } from '../test/support/secret-service.js';
import { spawnWorker, type Worker } from '../test/support/spawn-worker.js';
import { useTempStore } from '../test/support/temp-store.js';
import { readAuthStore } from './read-auth-store.js';
import { localProviderSecret } from './stored-secrets.js';

const secrets = useSecretService();

const store = useTempStore();
const workers: Worker[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) {
    worker.child.kill('SIGKILL');
    await worker.exited;
  }
});
const workerEnv = () => ({ ...store.home.env, ...secrets.service.env });

/** Seeds the store on the keyring backend: from then on `auto` (the workers') follows it. */
async function seedKeyringStore() {
  await localProviderSecret('seed', 'openai-compatible').store('lp-seed-key', {
    path: store.path,
    env: secrets.keyringEnv(),
  });
}

/** Keyring helper processes still running (a killed writer's child finishing its call). */
function helpersRunning(): number {
  let count = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'utf8').includes('FLYNN_KEYRING_MODULE=')) {
        count += 1;
      }
    } catch {
      // gone, or not ours
    }
  }
  return count;
}

async function helpersDone() {
  const deadline = Date.now() + 15_000;
  while (helpersRunning() > 0 && Date.now() < deadline) await sleep(10);
}

const PROCESSES = 6;
const WRITES = 4;

describe('keyring backend across processes', () => {
  it(`${PROCESSES} processes x ${WRITES} writes into one keyring entry: no update lost, no secret in auth.json`, async () => {
    await seedKeyringStore();
    for (let id = 0; id < PROCESSES; id++) {
      workers.push(
        spawnWorker(['secret-write', store.path, String(id), String(WRITES)], workerEnv()),
      );
    }
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    for (const [index, exit] of exits.entries()) {
      expect(exit, workers[index]?.stderr()).toEqual({ code: 0, signal: null });
    }
    const data = await readAuthStore(store.options);
    const keys = data.local_providers as Record<string, { api_key: string }>;
    for (let id = 0; id < PROCESSES; id++) {
      for (let field = 0; field < WRITES; field++) {
        expect(keys[`w${id}-${field}`]?.api_key).toBe(`lp-${id}-${field}`);
      }
    }
    expect(readFileSync(store.path, 'utf8')).not.toContain('lp-');
    expect(readdirSync(store.dir)).toEqual(['auth.json']);
  }, 120_000);

  it('a writer killed with SIGKILL at random moments: each read gives old or new, never corrupt', async () => {
    await seedKeyringStore();
    const KILLS = 20;
    let lastSeq = 0;
    // Kill moments are drawn from about three write cycles of this machine right now (each
    // write is a few keyring helper processes: 100 ms quiet, much more under load).
    let cycleMs = 150;
    for (let kill = 0; kill < KILLS; kill++) {
      const worker = spawnWorker(['secret-crash', store.path, 'a'], workerEnv());
      workers.push(worker);
      await worker.waitFor(/^ready$/);
      worker.child.stdin?.write('go\n');
      const go = performance.now();
      await sleep(Math.random() * 3 * cycleMs);
      worker.child.kill('SIGKILL');
      const commits = worker.times.filter((_, index) =>
        worker.lines[index]?.startsWith('committed '),
      );
      const first = commits[0];
      const last = commits.at(-1);
      if (first !== undefined && last !== undefined) {
        const sample = commits.length >= 2 ? (last - first) / (commits.length - 1) : first - go;
        cycleMs = 0.6 * cycleMs + 0.4 * sample;
      } else {
        cycleMs = Math.max(cycleMs, (performance.now() - go) * 0.8);
      }
      await worker.exited;
      await helpersDone();
      const committed = worker.lines
        .filter((line) => line.startsWith('committed '))
        .map((line) => Number(line.slice('committed '.length)));
      const lastCommitted = committed.length > 0 ? Math.max(...committed) : lastSeq;
      const data = await readAuthStore(store.options); // throws if anything is corrupt
      const fileSeq = (data['crash-a'] as { seq: number } | undefined)?.seq ?? 0;
      const key = (data.local_providers as Record<string, { api_key: string }>).a?.api_key;
      const keySeq = key ? Number(key.slice('lp-a-'.length)) : 0;
      expect([lastCommitted, lastCommitted + 1]).toContain(fileSeq);
      // The keyring entry is written first, auth.json second: a kill between leaves the key
      // one step ahead, which the next write settles.
      expect([fileSeq, fileSeq + 1]).toContain(keySeq);
      expect((data.local_providers as Record<string, { api_key: string }>).seed?.api_key).toBe(
        'lp-seed-key',
      );
      lastSeq = fileSeq;
    }
    // The lives wrote (about one write each), so kills landed inside write loops.
    expect(lastSeq).toBeGreaterThanOrEqual(KILLS / 2);
    expect(readFileSync(store.path, 'utf8')).not.toContain('lp-');
  }, 180_000);
});
