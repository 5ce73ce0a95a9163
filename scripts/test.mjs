#!/usr/bin/env node
// `pnpm test`: builds what tests need and runs every package's vitest suite through
// turbo, then adds up the per-package JSON reports into one closing line,
// `N passed, N failed`. Exits non-zero when turbo failed, any test failed, or no
// test ran at all (a suite that silently runs nothing must not look green).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, group, entry.name)),
);
const reports = workspaces.map((dir) => join(dir, '.test-report.json'));

// Stale reports from an earlier run must not be counted (turbo restores them on a cache hit).
for (const report of reports) rmSync(report, { force: true });

const extraArgs = process.argv.slice(2);
const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', '--continue', ...extraArgs], {
  cwd: root,
  stdio: 'inherit',
  env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
});

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const report of reports) {
  if (!existsSync(report)) continue;
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests ?? 0;
  failed += result.numFailedTests ?? 0;
  skipped += (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  for (const file of result.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') failures.push(`${file.name}: ${test.fullName}`);
    }
    // A file that failed to load has no assertions but still failed.
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      failed += 1;
      failures.push(`${file.name}: ${file.message ?? 'failed to run'}`);
    }
  }
}

if (failures.length > 0) {
  console.log('\nFailed tests:');
  for (const failure of failures) console.log(`  - ${failure}`);
}
if (turbo.status !== 0 && failed === 0) {
  console.log(`\nturbo exited with ${turbo.status ?? turbo.signal}: a build or test task failed.`);
  failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (passed === 0) console.log('No test ran: treating this as a failure.');
process.exit(failed > 0 || passed === 0 ? 1 : 0);
