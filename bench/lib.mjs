// Shared pieces of the benchmark suite (`pnpm bench`, docs/performance.md).
// Benchmarks are scripts, not tests: they print figures and budgets. Each figure is
// reported as one `BENCH_RESULT {json}` line that bench/run.mjs collects.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FLYNN = join(ROOT, 'apps/cli/dist/flynn.cjs');

export const median = (values) => percentile(values, 0.5);

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = (sorted.length - 1) * p;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
}

/**
 * Prints a figure and, for run.mjs, a machine-readable line. `budget` with `max: true`
 * means the value must be at most the budget; `max: false`, at least.
 */
export function report({ name, value, unit, budget, max = true, detail = '' }) {
  const ok = budget === undefined ? undefined : max ? value <= budget : value >= budget;
  const shown = `${formatValue(value)}${unit}`;
  const against =
    budget === undefined
      ? ''
      : `  (budget ${max ? '<=' : '>='} ${formatValue(budget)}${unit}: ${ok ? 'ok' : 'OVER'})`;
  console.log(`  ${name}: ${shown}${against}${detail ? `  ${detail}` : ''}`);
  console.log(`BENCH_RESULT ${JSON.stringify({ name, value, unit, budget, max, ok, detail })}`);
  return ok;
}

function formatValue(value) {
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(Math.abs(value) < 0.1 ? 4 : 2);
}

/**
 * An env with nothing of the developer's credentials or config location, and without
 * NODE_EXTRA_CA_CERTS: some machines set it, and loading the extra certificates adds ~40 ms to
 * every Node start, which would hide Flynn's own cost. Every side of a comparison (`node -e 0`
 * and flynn alike) runs in this env, as on a stock machine.
 */
export function scrubbedEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      !/^(OPENAI_|ANTHROPIC_|ZAI_|GH_|GITHUB_|GEMINI_|MISTRAL_|OPENROUTER_|GROQ_|DEEPSEEK_|XAI_|FLYNN_|XDG_CONFIG_HOME$|NODE_OPTIONS$|NODE_EXTRA_CA_CERTS$)/i.test(
        key,
      )
    ) {
      env[key] = value;
    }
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** A private home with every tier configured and a store holding fake keys. */
export function benchHome(extraYaml = '') {
  const home = mkdtempSync(join(tmpdir(), 'flynn-bench-'));
  const configDir = join(home, '.config', 'flynn');
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(configDir, 'config.yaml'),
    `models:
  default: {provider: anthropic, model: claude-sonnet-4-5}
  fast: {provider: openai, model: gpt-5-mini, auth_mode: api_key}
  complex: {provider: openai, model: gpt-5}
  local: {provider: ollama, model: llama3.2, base_url: "http://127.0.0.1:11434/v1"}
  local_providers:
    - {name: lmstudio, provider: openai-compatible, model: qwen3, base_url: "http://127.0.0.1:1234/v1"}
    - {name: glm, provider: zai, model: glm-4.6}
    - {name: gh, provider: github, model: openai/gpt-4.1}
${extraYaml}`,
  );
  writeFileSync(
    join(configDir, 'auth.json'),
    JSON.stringify({
      version: 1,
      openai: { api_key: 'sk-proj-benchOpenAIKey000000000000bnch' },
      anthropic: { api_key: 'sk-ant-api03-benchAnthropicKey0000000bnch' },
      zai: { api_key: 'benchZaiKey000000000000bnch' },
      github: { token: 'ghp_benchGitHubToken00000000000bnch' },
    }),
    { mode: 0o600 },
  );
  const env = scrubbedEnv({
    HOME: home,
    FLYNN_CONFIG_DIR: configDir,
    FLYNN_CACHE_DIR: join(home, '.cache', 'flynn'),
  });
  warmCompileCache(env);
  return {
    home,
    configDir,
    env,
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/**
 * Writes the CLI's compile cache into `env`'s private FLYNN_CACHE_DIR as `pnpm build` does
 * for the builder's cache directory (apps/cli/scripts/warm-compile-cache.mjs), so every
 * timed run starts from the state of an installed, warmed CLI and no run depends on the
 * developer's own cache. (A run that exits on its own would write the cache too, but the
 * pty benchmark kills `flynn chat` once its prompt shows.)
 */
function warmCompileCache(env) {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'apps/cli/scripts/warm-compile-cache.mjs')],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`warm-compile-cache exited ${result.status}`);
}

/** Wall-clock milliseconds of one run of `node ...args` to exit; throws on a failed run. */
export function timeRun(args, env, { expectCode = 0 } = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== expectCode) {
    throw new Error(
      `node ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
  return ms;
}

/**
 * Runs each named measurement `runs` times after `warmup` rounds, interleaved and in
 * alternating order, so machine noise falls on all of them alike. Returns samples by name.
 */
export async function interleave(measures, { runs, warmup = 3 }) {
  const names = Object.keys(measures);
  for (let round = 0; round < warmup; round++) for (const name of names) await measures[name]();
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < runs; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) samples[name].push(await measures[name]());
  }
  return samples;
}
