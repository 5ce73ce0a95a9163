import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempHome, startOpenAIApiServer, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFlynn } from './run-flynn.js';

// Start-up budgets (docs/performance.md) depend on commands loading only what they
// use. This is the deterministic check behind them: every module a run loads,
// through require or import, is recorded, and the provider SDKs must not be among
// them for `--version` and offline `doctor`.

let home: TempHome;
const closers: Array<() => Promise<void>> = [];
beforeEach(() => {
  home = createTempHome();
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  home.cleanup();
});

const SDK = /\/node_modules\/(openai|@anthropic-ai\/sdk)\//;

/** Runs flynn with hooks that log every module loaded via require (CJS) or import (ESM). */
async function loadedModules(args: string[], env: NodeJS.ProcessEnv) {
  const log = join(home.home, 'modules.log');
  const cjsHook = join(home.home, 'record-require.cjs');
  const esmHooks = join(home.home, 'esm-hooks.mjs');
  const esmRegister = join(home.home, 'esm-register.mjs');
  writeFileSync(log, '');
  writeFileSync(
    cjsHook,
    `const { appendFileSync } = require('node:fs');\nprocess.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).join('\\n') + '\\n'));\n`,
  );
  writeFileSync(
    esmHooks,
    `import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const result = await next(specifier, context);\n  appendFileSync(${JSON.stringify(log)}, result.url + '\\n');\n  return result;\n}\n`,
  );
  writeFileSync(
    esmRegister,
    `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${esmHooks}`)});\n`,
  );
  const run = await runFlynn(args, {
    env: { ...env, NODE_OPTIONS: `--require=${cjsHook} --import=${esmRegister}` },
  });
  const entries = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const modules = [...new Set(entries.map((entry) => entry.replace(/^file:\/\//, '')))];
  return { run, modules };
}

describe('what a command loads', () => {
  it('--version loads nothing but the entry', async () => {
    const { run, modules } = await loadedModules(['--version'], home.env);
    expect(run.code).toBe(0);
    expect(modules.filter((file) => file.includes('/apps/cli/dist/'))).toEqual([
      expect.stringMatching(/\/dist\/flynn\.cjs$/),
    ]);
    expect(modules.filter((file) => SDK.test(file))).toEqual([]);
  });

  it('offline doctor loads no provider SDK; --online on an OpenAI tier loads openai only', async () => {
    const openai = await startOpenAIApiServer();
    closers.push(openai.close);
    const file = join(home.home, 'config.yaml');
    writeFileSync(
      file,
      [
        'models:',
        '  default: {provider: anthropic, model: claude-sonnet-4-5}',
        `  fast: {provider: openai, model: gpt-5, base_url: "${openai.baseURL}"}`,
        '',
      ].join('\n'),
    );
    const env = {
      ...home.env,
      OPENAI_API_KEY: 'sk-proj-moduleProbeKey00000000000mod',
      ANTHROPIC_API_KEY: 'sk-ant-api03-moduleProbeKey0000000000md',
    };
    const offline = await loadedModules(['doctor', '--config', file], env);
    expect(offline.run.code).toBe(0);
    expect(offline.modules.some((path) => path.endsWith('/dist/flynn.cjs'))).toBe(true);
    expect(offline.modules.filter((path) => SDK.test(path))).toEqual([]);

    // The control: the same hooks do see the SDK when a client is built.
    const online = await loadedModules(['doctor', '--online', '--config', file], {
      ...env,
      ANTHROPIC_API_KEY: '',
    });
    expect(online.modules.some((path) => /\/node_modules\/openai\//.test(path))).toBe(true);
    expect(online.modules.some((path) => /\/node_modules\/@anthropic-ai\/sdk\//.test(path))).toBe(
      false,
    );
  });

  it("offline doctor on pipes loads none of Node's process, network, stream, promise-fs or os modules", async () => {
    // Each of these costs start-up time (docs/performance.md): creating process.stdout for a
    // pipe loads `net` and the streams, `node:child_process` loads `net` and `dgram`,
    // `node:fs/promises` loads the streams and `readline`; `node:os` is only for a missing
    // HOME and a lock's host name. Offline doctor needs none of them.
    const log = join(home.home, 'builtins.log');
    const hook = join(home.home, 'record-builtins.cjs');
    writeFileSync(
      hook,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(log)}, process.moduleLoadList.join('\\n')));\n`,
    );
    const run = await runFlynn(['doctor'], {
      env: {
        ...home.env,
        OPENAI_API_KEY: 'sk-proj-moduleProbeKey00000000000mod',
        ANTHROPIC_API_KEY: 'sk-ant-api03-moduleProbeKey0000000000md',
        NODE_OPTIONS: `--require=${hook}`,
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Tiers');
    const loaded = readFileSync(log, 'utf8').split('\n');
    const unwanted = [
      'child_process',
      'net',
      'dgram',
      'stream',
      'fs/promises',
      'readline',
      'tty',
      'timers/promises',
      'os',
    ].filter((name) => loaded.includes(`NativeModule ${name}`));
    expect(unwanted).toEqual([]);
  });
});
