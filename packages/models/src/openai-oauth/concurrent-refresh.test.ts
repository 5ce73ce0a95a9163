// Eight real processes hold the same expired access token and start at once. Refresh
// tokens are single-use, so without the store lock + re-read all but one would fail with
// refresh_token_reused. Workers import the built package (dist/), as other apps would.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type OAuthWorld, startOAuthWorld } from './test-support.js';

const WORKER = fileURLToPath(
  new URL('../../test-fixtures/codex-refresh-worker.mjs', import.meta.url),
);
const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const WORKERS = 8;

interface WorkerResult {
  ok: boolean;
  text?: string;
  code?: string;
  message?: string;
}

function startWorker(argument: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [WORKER, argument], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`worker ${child.pid} exited early`);
    return line.value;
  };
  return { child, next };
}

let world: OAuthWorld | undefined;
let children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children) if (child.exitCode === null) child.kill();
  children = [];
  await world?.close();
  world = undefined;
});

describe('refresh across processes', () => {
  it('eight processes with the same expired token: one refresh, eight answers', async () => {
    expect(existsSync(DIST), `build first: pnpm --filter @flynn/models build (${DIST})`).toBe(true);
    world = await startOAuthWorld({ backend: { text: 'Hello to every process' } });
    const expired = await world.seed({ expiresInSeconds: -60 });
    const argument = JSON.stringify({ storePath: world.storePath, ...world.settings });

    const workers = Array.from({ length: WORKERS }, () => startWorker(argument, world!.env));
    children = workers.map((worker) => worker.child);
    expect(await Promise.all(workers.map((worker) => worker.next()))).toEqual(
      Array(WORKERS).fill('ready'),
    );
    for (const worker of workers) worker.child.stdin!.write('go\n');
    const results = (await Promise.all(workers.map((worker) => worker.next()))).map(
      (line) => JSON.parse(line) as WorkerResult,
    );

    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results.map((result) => result.text)).toEqual(
      Array(WORKERS).fill('Hello to every process'),
    );
    expect(world.auth.refreshCount).toBe(1);
    const refreshes = world.auth.requests.filter((request) => request.path === '/oauth/token');
    expect(refreshes).toHaveLength(1);
    const stored = await world.stored();
    expect(stored.refresh_token).not.toBe(expired.refresh_token);
    expect(world.backend.requests).toHaveLength(WORKERS);
    for (const request of world.backend.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${stored.access_token}`);
    }
  }, 30_000);
});
