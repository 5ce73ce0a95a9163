import { fileURLToPath } from 'node:url';
import { type BinProcess, type BinRun, type RunBinOptions, runBin, startBin } from '@flynn/testkit';

/** The built binary; turbo builds it before tests run. */
export const FLYNN_BIN = fileURLToPath(new URL('../dist/flynn.cjs', import.meta.url));

export type FlynnRun = BinRun;
export type RunFlynnOptions = RunBinOptions;

/** Spawns `node dist/flynn.cjs ...args` with exactly the given env and collects its output. */
export function runFlynn(args: string[], options: RunFlynnOptions): Promise<FlynnRun> {
  return runBin(FLYNN_BIN, args, options);
}

/** Starts `node dist/flynn.cjs ...args`, for a test that acts while it runs (e.g. Ctrl-C). */
export function startFlynn(args: string[], options: RunFlynnOptions): BinProcess {
  return startBin(FLYNN_BIN, args, options);
}
