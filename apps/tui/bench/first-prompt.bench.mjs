// Time from spawn to the TUI's first prompt on a real pseudo-terminal, next to `node -e 0`
// on the same kind of pty, runs interleaved so both see the same machine load. Prints the
// medians and their ratio against the budget (DESIGN section 11: within 1.5x).
//
// Two moments are timed: the first prompt (`default › `, accepting input), and the prompt
// complete with the model (`default (claude-sonnet-4-5) › `), which needs the config parsed
// (zod + yaml). The budget applies to the first; the second is reported next to it.
//
//   pnpm --filter @flynn/tui build && node apps/tui/bench/first-prompt.bench.mjs [--runs N]
//
// Not a test: timings depend on the machine. Exit code 1 when the ratio is over budget.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pty from 'node-pty';

const BUDGET = 1.5;
const BIN = fileURLToPath(new URL('../dist/bin/flynn-tui.js', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '25' } } });
const runs = Number(values.runs);

// A private home with a realistic config; no developer env or credentials.
const home = mkdtempSync(join(tmpdir(), 'flynn-bench-'));
const configDir = join(home, '.config', 'flynn');
mkdirSync(configDir, { recursive: true });
writeFileSync(
  join(configDir, 'config.yaml'),
  `models:
  default: { provider: anthropic, model: claude-sonnet-4-5 }
  fast: { provider: openai, model: gpt-5-mini, auth_mode: oauth }
  complex: { provider: openai, model: gpt-5 }
  local: { provider: ollama, model: llama3.2, base_url: "http://127.0.0.1:11434/v1" }
  local_providers:
    - { name: lmstudio, provider: openai-compatible, model: qwen3, base_url: "http://127.0.0.1:1234/v1" }
`,
);
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  TERM: 'xterm-256color',
  HOME: home,
  FLYNN_CONFIG_DIR: configDir,
  NO_COLOR: '1',
};

/**
 * Spawns `node ...args` on a pty. Resolves to the milliseconds from spawn until each of
 * `marks` first appears in the output, or, without marks, until the process exits.
 */
function time(args, marks = []) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6;
    const child = pty.spawn(process.execPath, args, {
      name: 'xterm-256color',
      cols: 100,
      rows: 30,
      env,
    });
    const seen = [];
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no prompt after 10 s:\n${output}`));
    }, 10_000);
    child.onData((data) => {
      output += data;
      while (seen.length < marks.length && output.includes(marks[seen.length]))
        seen.push(elapsed());
      if (marks.length > 0 && seen.length === marks.length) {
        clearTimeout(timer);
        resolve(seen);
        child.kill('SIGKILL');
      }
    });
    child.onExit(() => {
      clearTimeout(timer);
      if (marks.length === 0) resolve([elapsed()]);
      else if (seen.length < marks.length)
        reject(new Error(`exited before the prompt:\n${output}`));
    });
  });
}

const baseline = async () => (await time(['-e', '0']))[0];
const prompts = () => time([BIN], ['default › ', 'default (claude-sonnet-4-5) › ']);

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

try {
  for (let warmup = 0; warmup < 3; warmup++) {
    await baseline();
    await prompts();
  }
  const node = [];
  const first = [];
  const complete = [];
  const runTui = async () => {
    const [atFirst, atComplete] = await prompts();
    first.push(atFirst);
    complete.push(atComplete);
  };
  for (let run = 0; run < runs; run++) {
    // Alternate which goes first so neither always follows the other.
    if (run % 2) {
      node.push(await baseline());
      await runTui();
    } else {
      await runTui();
      node.push(await baseline());
    }
  }
  const base = median(node);
  const ratio = median(first) / base;
  const line = (label, list) =>
    console.log(
      `${label.padEnd(34)} median ${median(list).toFixed(1).padStart(6)} ms  ${(median(list) / base).toFixed(2)}x`,
    );
  console.log(`runs: ${runs} each, interleaved, on a pty`);
  line('node -e 0 (to exit)', node);
  line('TUI first prompt (default › )', first);
  line('TUI prompt with model', complete);
  console.log(
    `first prompt: ${ratio.toFixed(2)}x node -e 0 (budget ${BUDGET}x) ${ratio <= BUDGET ? 'ok' : 'OVER BUDGET'}`,
  );
  process.exitCode = ratio <= BUDGET ? 0 : 1;
} finally {
  rmSync(home, { recursive: true, force: true });
}
