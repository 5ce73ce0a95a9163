// Shared by the credential command tests: the store file, file modes, and the leak
// check that every run of a credential command must pass.

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { maskSecret } from '@flynn/auth-store';
import type { TempHome } from '@flynn/testkit';
import { expect } from 'vitest';
import type { FlynnRun } from './run-flynn.js';

/** The auth store file of `home`. */
export function storePath(home: TempHome): string {
  return join(home.configDir, 'auth.json');
}

/** The parsed store, or `undefined` when the file does not exist. */
export function readStore(home: TempHome): Record<string, Record<string, unknown>> | undefined {
  try {
    return JSON.parse(readFileSync(storePath(home), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes `text` as the store file (to seed a corrupt or hand-made store). */
export function writeStoreText(home: TempHome, text: string): void {
  mkdirSync(dirname(storePath(home)), { recursive: true, mode: 0o700 });
  writeFileSync(storePath(home), text, { mode: 0o600 });
}

/** Permission bits of `path`. */
export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

/**
 * Asserts that no secret leaked into any of the texts: not whole, and not any 8-character
 * piece of it, except what its masked form shows on purpose (a public prefix).
 */
export function expectNoLeak(texts: readonly string[], secrets: readonly string[]): void {
  const all = texts.join('\n');
  for (const secret of secrets) {
    const mask = maskSecret(secret);
    expect(all.includes(secret), 'the whole secret leaked').toBe(false);
    for (let start = 0; start + 8 <= secret.length; start++) {
      const piece = secret.slice(start, start + 8);
      if (mask.includes(piece)) continue;
      expect(
        all.includes(piece),
        `a piece of a secret leaked: ${mask} (${JSON.stringify(piece)})`,
      ).toBe(false);
    }
  }
}

/**
 * For a server that echoed a secret whole or truncated (`sk-proj-ABCD...WXYZ`): on top of
 * {@link expectNoLeak}, no 4-character piece of the secret beyond what its masked form
 * shows may appear: not the first 4 hidden characters (what a truncated echo shows after
 * the public prefix) nor the 4 before the visible last 4.
 */
export function expectNoEchoLeak(texts: readonly string[], secrets: readonly string[]): void {
  expectNoLeak(texts, secrets);
  const all = texts.join('\n');
  for (const secret of secrets) {
    const mask = maskSecret(secret);
    const [prefix = ''] = mask.split('\u2026');
    const hidden = secret.slice(prefix.length, -4);
    for (const piece of [hidden.slice(0, 4), hidden.slice(-4)]) {
      expect(
        all.includes(piece),
        `a 4-character piece of a secret leaked: ${mask} (${JSON.stringify(piece)})`,
      ).toBe(false);
    }
  }
}

/** {@link expectNoLeak} on a run's stdout and stderr. */
export function expectRunNoLeak(run: FlynnRun, secrets: readonly string[]): void {
  expectNoLeak([run.stdout, run.stderr], secrets);
}

/** A loopback URL nothing listens on (a port just released), for "connection refused". */
export async function refusedUrl(path = '/v1'): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}${path}`;
}
