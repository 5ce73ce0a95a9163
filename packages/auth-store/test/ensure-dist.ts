import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The store worker script, next to a private copy of the built package. */
    storeWorker: string;
  }
}

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist', 'index.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(dist).mtimeMs;
  } catch {
    return 0;
  }
}

function build(): void {
  const result = spawnSync('pnpm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`building @flynn/auth-store failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * Vitest global setup for the child-process tests, which run the built package as another
 * Flynn process would. Builds dist/ if it is missing or older than the sources (turbo's
 * `test` task builds first anyway), then copies it with the worker script to a private temp
 * dir: other builds in the same checkout (tsup cleans dist/) cannot pull it away mid-run.
 */
export default function setup(project: TestProject): () => void {
  if (builtAt() < newestSource(join(root, 'src'))) build();
  const copy = mkdtempSync(join(tmpdir(), 'flynn-auth-store-dist-'));
  mkdirSync(join(copy, 'dist'));
  mkdirSync(join(copy, 'test', 'fixtures'), { recursive: true });
  try {
    copyFileSync(dist, join(copy, 'dist', 'index.js'));
  } catch {
    build(); // removed by a concurrent clean build: build our own
    copyFileSync(dist, join(copy, 'dist', 'index.js'));
  }
  // The built package imports @flynn/core and resolves @napi-rs/keyring (for its keyring
  // helper process): the copy resolves both to this checkout's packages.
  for (const scope of ['@flynn', '@napi-rs']) {
    mkdirSync(join(copy, 'node_modules', scope), { recursive: true });
  }
  for (const name of ['@flynn/core', '@napi-rs/keyring']) {
    symlinkSync(realpathSync(join(root, 'node_modules', name)), join(copy, 'node_modules', name));
  }
  const worker = join(copy, 'test', 'fixtures', 'store-worker.mjs');
  copyFileSync(join(root, 'test', 'fixtures', 'store-worker.mjs'), worker);
  project.provide('storeWorker', worker);
  return () => rmSync(copy, { recursive: true, force: true });
}
