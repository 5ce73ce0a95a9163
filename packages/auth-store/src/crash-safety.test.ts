import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { spawnWorker } from '../test/support/spawn-worker.js';
import { useTempStore } from '../test/support/temp-store.js';
import { storeOpenAIApiKey } from './openai.js';
import { parseAuthStore } from './parse-auth-store.js';
import { readAuthStore } from './read-auth-store.js';

const store = useTempStore();

const LANES = ['a', 'b']; // writers side by side, each killed over and over
const KILLS_PER_LANE = 100; // 200 kills in all
const PAYLOAD_BYTES = 16 * 1024; // large enough that kills land mid-write too
const SPARE_WORKERS = 1;
/** Kill moments are drawn from [0, window): about this many write cycles, at least 100 ms. */
const CYCLES_PER_WINDOW = 4;
const MIN_WINDOW_MS = 100;
const MAX_WINDOW_MS = 1_000;

function expectedPayload(lane: string, seq: number): string {
  const unit = `${lane}:${seq};`;
  return unit.repeat(Math.ceil(PAYLOAD_BYTES / unit.length));
}

/**
 * Kills a looping writer at a random moment, again and again, checking the file each time.
 * A few workers are started ahead of time, so node's startup does not set the pace.
 *
 * The moment is drawn from a window measured in write cycles of this machine right now, not
 * in fixed milliseconds: each life's commit times give the cycle length, and the window is
 * about {@link CYCLES_PER_WINDOW} of them. Kills then land from the first write (its lock
 * recovery included) to a few writes in, whether a write takes 15 ms or, under load, 150.
 */
async function crashLane(lane: string, outcomes: Map<string, number>) {
  const start = () =>
    spawnWorker(['crash', store.path, lane, String(PAYLOAD_BYTES)], store.home.env);
  const spares = Array.from({ length: SPARE_WORKERS }, start);
  try {
    let fileSeq = 0;
    let cycleMs: number | undefined; // a running estimate of one write cycle
    for (let kill = 0; kill < KILLS_PER_LANE; kill++) {
      const worker = spares.shift() ?? start();
      if (kill + spares.length + 1 < KILLS_PER_LANE) spares.push(start());
      await worker.waitFor(/^ready$/);
      const window =
        cycleMs === undefined
          ? MIN_WINDOW_MS
          : Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, CYCLES_PER_WINDOW * cycleMs));
      const go = performance.now();
      worker.child.stdin?.write('go\n');
      await sleep(Math.random() * window);
      const killedAt = performance.now();
      worker.child.kill('SIGKILL');
      const exit = await worker.exited;
      expect(exit.signal, worker.stderr()).toBe('SIGKILL');
      cycleMs = nextCycleEstimate(cycleMs, worker, go, killedAt);

      // The last write the worker saw complete is durable; at most the next one landed too.
      const reported = worker.lines
        .filter((line) => line.startsWith('committed '))
        .map((line) => Number(line.slice('committed '.length)));
      const lastCommitted = reported.length > 0 ? Math.max(...reported) : fileSeq;
      const text = readFileSync(store.path, 'utf8');
      const data = parseAuthStore(text, store.path); // throws if the file does not parse or fit
      const entry = data[`crash-${lane}`] as { seq: number; payload: string } | undefined;
      const seq = entry?.seq ?? 0;
      expect([lastCommitted, lastCommitted + 1]).toContain(seq);
      if (entry) expect(entry.payload === expectedPayload(lane, seq)).toBe(true);
      expect(data.openai?.api_key).toBe('sk-survives-every-crash');
      const outcome = seq === lastCommitted ? 'old content' : 'new content';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      fileSeq = seq;
    }
    return fileSeq;
  } finally {
    for (const spare of spares) spare.child.kill('SIGKILL');
  }
}

/**
 * Updates the write-cycle estimate from one life: the spacing of its commits when it made
 * two or more, else the time to its only commit. A life killed before its first commit only
 * says that a cycle is at least that long, which counts when that is more than the estimate.
 */
function nextCycleEstimate(
  estimate: number | undefined,
  worker: { lines: string[]; times: number[] },
  go: number,
  killedAt: number,
): number {
  const commits = worker.times.filter((_, index) => worker.lines[index]?.startsWith('committed '));
  const first = commits[0];
  const last = commits.at(-1);
  let sample: number;
  if (first === undefined || last === undefined) {
    sample = killedAt - go;
    if (estimate !== undefined && sample <= estimate) return estimate;
  } else {
    sample = commits.length >= 2 ? (last - first) / (commits.length - 1) : first - go;
  }
  return estimate === undefined ? sample : 0.7 * estimate + 0.3 * sample;
}

describe('crash safety', () => {
  it(`a writer killed with SIGKILL at random moments ${LANES.length * KILLS_PER_LANE} times: the file always holds old or new content`, async () => {
    await storeOpenAIApiKey('sk-survives-every-crash', store.options);
    const outcomes = new Map<string, number>();
    const seqs = await Promise.all(LANES.map((lane) => crashLane(lane, outcomes)));
    expect([...outcomes.values()].reduce((sum, count) => sum + count, 0)).toBe(
      LANES.length * KILLS_PER_LANE,
    );
    // The workers wrote before dying (about 2 writes per life, the window being measured in
    // write cycles), so kills landed inside write loops rather than only during startup.
    expect(seqs.reduce((sum, seq) => sum + seq)).toBeGreaterThan(
      (LANES.length * KILLS_PER_LANE) / 2,
    );

    // The next writer recovers the dead holders' lock and sweeps their temp files.
    await storeOpenAIApiKey('sk-after-the-crashes', { ...store.options, lockTimeoutMs: 5_000 });
    const data = await readAuthStore(store.options);
    expect(data.openai?.api_key).toBe('sk-after-the-crashes');
    for (const [index, lane] of LANES.entries()) {
      expect((data[`crash-${lane}`] as { seq: number }).seq).toBe(seqs[index]);
    }
    expect(readdirSync(store.dir)).toEqual(['auth.json']);
    expect(existsSync(`${store.path}.lock`)).toBe(false);
  }, 120_000);
});
