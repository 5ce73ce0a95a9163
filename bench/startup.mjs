#!/usr/bin/env node
// Start-up budgets (DESIGN section 11): `flynn --version` within 1.2x and offline
// `flynn doctor` (every tier configured, a store with keys) within 1.5x of `node -e 0`,
// measured side by side in one run: wall clock from spawn to exit, interleaved,
// medians compared. Both sides run in the same env, without NODE_EXTRA_CA_CERTS (it adds
// tens of milliseconds to every Node start and would hide Flynn's own cost), and flynn
// with a private compile cache warmed as `pnpm build` warms it. Needs the built CLI.
import { benchHome, FLYNN, interleave, median, report, timeRun } from './lib.mjs';

const runs = Number(process.env.RUNS ?? 30);
const home = benchHome();
if (home.env.NODE_EXTRA_CA_CERTS !== undefined)
  throw new Error('NODE_EXTRA_CA_CERTS must be unset');
try {
  const samples = await interleave(
    {
      node: () => timeRun(['-e', '0'], home.env),
      version: () => timeRun([FLYNN, '--version'], home.env),
      doctor: () => timeRun([FLYNN, 'doctor'], home.env),
    },
    { runs },
  );
  const node = median(samples.node);
  console.log(
    `Start-up (${runs} interleaved runs each, NODE_EXTRA_CA_CERTS unset on both sides; node -e 0 median ${node.toFixed(1)} ms)`,
  );
  report({
    name: 'flynn --version / node -e 0',
    value: median(samples.version) / node,
    unit: 'x',
    budget: 1.2,
    detail: `(median ${median(samples.version).toFixed(1)} ms)`,
  });
  report({
    name: 'flynn doctor (offline) / node -e 0',
    value: median(samples.doctor) / node,
    unit: 'x',
    budget: 1.5,
    detail: `(median ${median(samples.doctor).toFixed(1)} ms)`,
  });
} finally {
  home.cleanup();
}
