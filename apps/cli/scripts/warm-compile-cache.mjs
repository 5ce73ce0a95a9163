#!/usr/bin/env node
// Build step: run `flynn doctor` once, offline, on a throwaway home with every tier
// configured, so that dist/ ships a V8 code cache holding the functions that
// start-up and doctor use (see src/compile-cache.ts). Fake credentials only; the
// temp home is removed afterwards. A failure here never fails the build: the CLI
// works without the cache and writes one on its first run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'flynn-warm-'));
const configDir = join(home, 'flynn');
try {
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(configDir, 'config.yaml'),
    `models:
  default: { provider: anthropic, model: claude-sonnet-4-5 }
  fast: { provider: openai, model: gpt-5-mini, auth_mode: oauth }
  complex: { provider: openai, model: gpt-5, auth_mode: api_key }
  local: { provider: ollama, model: llama3.2, base_url: "http://127.0.0.1:11434/v1" }
  local_providers:
    - { name: glm, provider: zai, model: glm-4.6 }
    - { name: gh, provider: github, model: openai/gpt-4.1 }
`,
  );
  writeFileSync(
    join(configDir, 'auth.json'),
    JSON.stringify({
      version: 1,
      openai: { api_key: 'sk-warmup-not-a-key-0000' },
      anthropic: { api_key: 'sk-ant-api03-warmup-not-a-key' },
      zai: { api_key: 'warmup-not-a-key-0000' },
      github: { token: 'ghp_warmupnotatoken0000' },
    }),
    { mode: 0o600 },
  );
  for (const file of [`main.cjs.${process.version}-${process.arch}.v8cache`]) {
    rmSync(join(dist, file), { force: true });
  }
  const env = { PATH: process.env.PATH, HOME: home, FLYNN_CONFIG_DIR: configDir, NO_COLOR: '1' };
  const run = spawnSync(process.execPath, [join(dist, 'flynn.cjs'), 'doctor'], {
    env,
    encoding: 'utf8',
  });
  if (run.status === null)
    console.warn(`warm-compile-cache: doctor did not finish (${run.signal})`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
