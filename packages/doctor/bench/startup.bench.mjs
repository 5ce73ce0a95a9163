#!/usr/bin/env node
// Start-up budget of offline `flynn doctor` (DESIGN section 11): within 1.5x of `node -e 0`,
// measured side by side. Runs both commands interleaved (so machine noise hits both alike)
// with every tier configured and a store holding keys, then prints the medians and the
// ratio. Needs the built CLI (`pnpm --filter @flynn/cli... build`). Not a test: it prints,
// and exits 1 only when the doctor run itself fails.
//
//   node packages/doctor/bench/startup.bench.mjs [runs=30]
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BUDGET = 1.5;
const runs = Number(process.argv[2] ?? 30);
const flynn = new URL('../../../apps/cli/dist/flynn.cjs', import.meta.url).pathname;
if (!existsSync(flynn)) {
  console.error(`${flynn} not found: run \`pnpm --filter @flynn/cli... build\` first`);
  process.exit(1);
}

const home = mkdtempSync(join(tmpdir(), 'flynn-bench-'));
const configDir = join(home, '.config', 'flynn');
spawnSync('mkdir', ['-p', '-m', '700', configDir]);
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
`,
);
const storePath = join(configDir, 'auth.json');
writeFileSync(
  storePath,
  JSON.stringify({
    version: 1,
    openai: { api_key: 'sk-proj-benchOpenAIKey000000000000bnch' },
    anthropic: { api_key: 'sk-ant-api03-benchAnthropicKey0000000bnch' },
    zai: { api_key: 'benchZaiKey000000000000bnch' },
    github: { token: 'ghp_benchGitHubToken00000000000bnch' },
  }),
  { mode: 0o600 },
);
chmodSync(storePath, 0o600);

// A scrubbed env: nothing of the developer's credentials or config location.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(OPENAI_|ANTHROPIC_|ZAI_|GH_|GITHUB_|FLYNN_|XDG_CONFIG_HOME$|NODE_OPTIONS$)/i.test(key),
  ),
);
Object.assign(env, { HOME: home, FLYNN_CONFIG_DIR: configDir, NO_COLOR: '1' });

const commands = {
  node: [process.execPath, ['-e', '0']],
  doctor: [process.execPath, [flynn, 'doctor']],
};

function time(name) {
  const [file, args] = commands[name];
  const started = process.hrtime.bigint();
  const result = spawnSync(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(`${name} exited ${result.status}:\n${result.stdout}${result.stderr}`);
    rmSync(home, { recursive: true, force: true });
    process.exit(1);
  }
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

for (let i = 0; i < 3; i++) for (const name of Object.keys(commands)) time(name); // warm-up
const samples = { node: [], doctor: [] };
for (let i = 0; i < runs; i++) {
  const order = i % 2 ? ['doctor', 'node'] : ['node', 'doctor'];
  for (const name of order) samples[name].push(time(name));
}
rmSync(home, { recursive: true, force: true });

const nodeMs = median(samples.node);
const doctorMs = median(samples.doctor);
const ratio = doctorMs / nodeMs;
console.log(`node -e 0                 median ${nodeMs.toFixed(1)} ms  (${runs} runs)`);
console.log(`flynn doctor (offline)    median ${doctorMs.toFixed(1)} ms  (${runs} runs)`);
console.log(
  `ratio ${ratio.toFixed(2)}x  (budget ${BUDGET}x: ${ratio <= BUDGET ? 'within' : 'OVER'} budget)`,
);
