#!/usr/bin/env node
// `pnpm test` (the README's test command, and what `.ci/run` runs), in order:
//  1. lint: `biome check .`;
//  2. typecheck: `turbo run typecheck`, each package after the packages it depends on, so
//     a removed export fails its consumers even on a warm turbo cache;
//  3. tests: builds what they need and runs every package's vitest suite through turbo;
//  4. pack-check: the packed packages as an outside app gets them (scripts/pack-check.mjs).
// Adds up the per-package JSON reports into one closing line, `N passed, N failed`; a
// failed lint, typecheck or pack-check counts as one failure each. Exits non-zero when any
// step failed, any test failed, or no test ran at all (a suite that silently runs nothing
// must not look green).
//
// `--tests-only` runs step 3 alone (a quick local loop); other arguments go to
// `turbo run test` (e.g. `--filter @flynn/cli`) and skip step 4.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const workspaces = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, group, entry.name)),
);
const reports = workspaces.map((dir) => join(dir, '.test-report.json'));

// Stale reports from an earlier run must not be counted (turbo restores them on a cache hit).
for (const report of reports) rmSync(report, { force: true });

const args = process.argv.slice(2);
const testsOnly = args.includes('--tests-only');
const extraArgs = args.filter((arg) => arg !== '--tests-only');
const env = { TURBO_TELEMETRY_DISABLED: '1', ...process.env };
const run = (label, command, commandArgs) => {
  console.log(`\n== ${label}: ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  return result.status === 0 ? null : `${label} failed (exit ${result.status ?? result.signal})`;
};

const checkFailures = [];
if (!testsOnly) {
  const lint = run('lint', 'pnpm', ['exec', 'biome', 'check', '.']);
  if (lint) checkFailures.push(lint);
  const typecheck = run('typecheck', 'pnpm', ['exec', 'turbo', 'run', 'typecheck', '--continue']);
  if (typecheck) checkFailures.push(typecheck);
}
const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', '--continue', ...extraArgs], {
  cwd: root,
  stdio: 'inherit',
  env,
});

// The packages as an outside app gets them: packed, installed with npm, imported, bins
// run, types compiled, publint and attw (scripts/pack-check.mjs). Uses the build above.
if (!testsOnly && extraArgs.length === 0) {
  const packCheck = run('pack-check', process.execPath, ['scripts/pack-check.mjs', '--no-build']);
  if (packCheck) checkFailures.push(packCheck);
}

/**
 * The first lines of a failure's message, indented under its name: CI keeps only the tail of
 * the log, and this list is in it. Colour codes and library stack frames are dropped, and each
 * line is cut short.
 */
function why(messages) {
  const lines = (messages ?? [])
    .join('\n')
    .split('\n')
    .map((line) => stripVTControlCharacters(line))
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !/^\s*at (.*node_modules|new Promise)/.test(line))
    .slice(0, 4)
    .map((line) => `\n      ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`);
  return lines.join('');
}

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
      if (test.status === 'failed') {
        failures.push(`${file.name}: ${test.fullName}${why(test.failureMessages)}`);
      }
    }
    // A file that failed to load has no assertions but still failed.
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      failed += 1;
      failures.push(`${file.name}: ${file.message ?? 'failed to run'}`);
    }
  }
}

for (const failure of checkFailures) {
  failed += 1;
  failures.push(failure);
}
if (failures.length > 0) {
  console.log('\nFailed:');
  for (const failure of failures) console.log(`  - ${failure}`);
}
if (turbo.status !== 0 && failed === 0) {
  console.log(`\nturbo exited with ${turbo.status ?? turbo.signal}: a build or test task failed.`);
  failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (passed === 0) console.log('No test ran: treating this as a failure.');
process.exit(failed > 0 || passed === 0 ? 1 : 0);
