#!/usr/bin/env node
// `pnpm bench`: every benchmark in one run, then a table of figures with their budgets.
// Method and latest figures: docs/performance.md. Exit code 1 when a budget is missed.
// Run on a quiet machine: other load skews the ratios.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const BENCHES = [
  ['Start-up', 'bench/startup.mjs'],
  ['TUI first prompt', 'bench/tui-first-prompt.mjs'],
  ['flynn ask time to first byte', 'bench/ask-ttfb.mjs'],
  ['Credential store', 'packages/auth-store/bench/store.bench.mjs'],
  ['Keyring read', 'packages/auth-store/bench/keyring.bench.mjs'],
  ['Chat stream overhead', 'packages/models/bench/stream.bench.mjs'],
  ['Codex SSE throughput', 'bench/codex-sse.mjs'],
];

function runBench(script) {
  return new Promise((resolve) => {
    const results = [];
    const child = spawn(process.execPath, [join(ROOT, script)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('BENCH_RESULT ')) results.push(JSON.parse(line.slice(13)));
        else console.log(`  ${line}`);
      }
    });
    child.on('close', (code) => resolve({ code, results }));
  });
}

const started = Date.now();
const rows = [];
let failed = false;
for (const [title, script] of BENCHES) {
  console.log(`\n== ${title} (${script})`);
  const { code, results } = await runBench(script);
  if (results.length === 0) {
    console.log(`  no figures: the script exited ${code}`);
    failed = true;
  }
  for (const result of results) rows.push(result);
}

const format = (value) =>
  Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 10
      ? value.toFixed(1)
      : value.toFixed(Math.abs(value) < 0.1 ? 4 : 2);
console.log(`\n| figure | value | budget | holds |\n|---|---|---|---|`);
for (const row of rows) {
  const budget =
    row.budget === undefined ? '-' : `${row.max ? '≤' : '≥'} ${format(row.budget)}${row.unit}`;
  const holds = row.ok === undefined ? '-' : row.ok ? 'yes' : '**no**';
  if (row.ok === false) failed = true;
  console.log(`| ${row.name} | ${format(row.value)}${row.unit} | ${budget} | ${holds} |`);
}
console.log(`\nnode ${process.version}, ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
process.exitCode = failed ? 1 : 0;
