import { existsSync, readFileSync } from 'node:fs';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWorker, type Worker } from '../test/support/spawn-worker.js';
import { useTempStore } from '../test/support/temp-store.js';
import { storeOpenAIApiKey } from './openai.js';
import { readAuthStore } from './read-auth-store.js';

const store = useTempStore();
const workers: Worker[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) {
    worker.child.kill('SIGKILL');
    await worker.exited;
  }
});

const PROCESSES = 16;
const WRITES = 25;

function countFields(data: Record<string, unknown>): number {
  let count = 0;
  for (let id = 0; id < PROCESSES; id++)
    count += Object.keys((data[`worker-${id}`] as object) ?? {}).length;
  return count;
}

describe('concurrent writers in separate processes', () => {
  it(`${PROCESSES} processes x ${WRITES} writes of distinct fields: all present, every read parsed`, async () => {
    await storeOpenAIApiKey('sk-present-before-the-run', store.options);
    for (let id = 0; id < PROCESSES; id++) {
      workers.push(spawnWorker(['write', store.path, String(id), String(WRITES)], store.home.env));
    }
    let running = true;
    const finished = Promise.all(workers.map((worker) => worker.exited)).finally(() => {
      running = false;
    });

    // Read continuously while they write: raw JSON.parse and the store's own checked read.
    let reads = 0;
    const failures: string[] = [];
    const sizes = new Set<number>();
    while (running) {
      try {
        const raw = JSON.parse(readFileSync(store.path, 'utf8'));
        const checked = await readAuthStore(store.options);
        expect(checked.openai?.api_key).toBe('sk-present-before-the-run');
        sizes.add(countFields(raw));
        reads += 1;
      } catch (error) {
        failures.push(String(error));
      }
      await yieldToEvents();
    }

    const exits = await finished;
    for (const [index, exit] of exits.entries()) {
      expect(exit, workers[index]?.stderr()).toEqual({ code: 0, signal: null });
    }
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(20);
    expect(sizes.size).toBeGreaterThan(2); // the reads saw the file grow, not only its end state
    const data = await readAuthStore(store.options);
    expect(countFields(data)).toBe(PROCESSES * WRITES);
    for (let id = 0; id < PROCESSES; id++) {
      for (let field = 0; field < WRITES; field++) {
        expect((data[`worker-${id}`] as Record<string, string>)[`f${field}`]).toBe(
          `value-${id}-${field}`,
        );
      }
    }
    expect(data.openai?.api_key).toBe('sk-present-before-the-run');
    expect(existsSync(`${store.path}.lock`)).toBe(false);
  }, 60_000);
});
