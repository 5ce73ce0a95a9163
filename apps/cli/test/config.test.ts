import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFlynn } from './run-flynn.js';

let home: TempHome;
beforeEach(() => {
  home = createTempHome();
});
afterEach(() => home.cleanup());

function writeConfig(yaml: string): string {
  const file = join(home.home, 'config.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('flynn --version and --help', () => {
  it('prints the version and exits 0', async () => {
    const run = await runFlynn(['--version'], { env: home.env });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists the commands in --help', async () => {
    const run = await runFlynn(['--help'], { env: home.env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('config');
  });

  it('exits 2 on an unknown command, without a stack trace', async () => {
    const run = await runFlynn(['bogus'], { env: home.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'bogus'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('flynn config', () => {
  it('config path honours FLYNN_CONFIG_DIR (--json in snake_case)', async () => {
    const run = await runFlynn(['config', 'path', '--json'], { env: home.env });
    expect(JSON.parse(run.stdout)).toEqual({
      config_dir: home.configDir,
      config_file: join(home.configDir, 'config.yaml'),
      auth_file: join(home.configDir, 'auth.json'),
    });
  });

  it('config path: --config moves the config file only; auth.json stays in the config directory', async () => {
    const file = writeConfig('models:\n  default: {provider: openai, model: m}\n');
    const run = await runFlynn(['--config', file, 'config', 'path', '--json'], { env: home.env });
    expect(JSON.parse(run.stdout)).toEqual({
      config_dir: home.configDir,
      config_file: file,
      auth_file: join(home.configDir, 'auth.json'),
    });
    const text = await runFlynn(['config', 'path', '--config', file], { env: home.env });
    expect(text.stdout).toBe(`config: ${file}\nauth:   ${join(home.configDir, 'auth.json')}\n`);
  });

  it('validates the shipped defaults when there is no config file', async () => {
    const run = await runFlynn(['config', 'validate'], { env: home.env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('shipped defaults');
    expect(run.stdout).toMatch(/default\s+anthropic\s+claude-sonnet-4-5\s+auto\s+default/);
  });

  it('shows use_oauth as oauth, and auth_mode winning with a warning naming the tier (--json)', async () => {
    const alias = writeConfig('models:\n  fast: {provider: openai, model: m, use_oauth: true}\n');
    const first = await runFlynn(['config', 'validate', '--json', '--config', alias], {
      env: home.env,
    });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      valid: true,
      tiers: {
        fast: { provider: 'openai', model: 'm', auth_mode: 'oauth', auth_mode_origin: 'use_oauth' },
      },
      warnings: [],
      issues: [],
    });

    const both = writeConfig(
      'models:\n  fast: {provider: openai, model: m, use_oauth: true, auth_mode: api_key}\n',
    );
    const second = await runFlynn(['config', 'validate', '--json', '--config', both], {
      env: home.env,
    });
    const json = JSON.parse(second.stdout);
    expect(second.code).toBe(0);
    expect(json.tiers.fast).toEqual({
      provider: 'openai',
      model: 'm',
      auth_mode: 'api_key',
      auth_mode_origin: 'auth_mode',
    });
    expect(json.warnings).toHaveLength(1);
    expect(json.warnings[0]).toContain('"fast"');
  });

  it.each([
    [
      'an invalid auth_mode',
      'models:\n  fast: {provider: openai, model: m, auth_mode: token}\n',
      /config\.yaml:2:\d+: models\.fast\.auth_mode: "token" is not allowed \(allowed: auto, api_key, oauth\)/,
    ],
    [
      'oauth on a zai tier',
      'models:\n  fast: {provider: zai, model: m, auth_mode: oauth}\n',
      /config\.yaml:2:\d+: models\.fast\.auth_mode: tier "fast" uses provider zai/,
    ],
    [
      'broken YAML',
      'models:\n  fast: [provider: openai\n',
      /config\.yaml:\d+:\d+: YAML syntax error/,
    ],
  ])('rejects %s with exit 1 and one line naming the place', async (name, yaml, pattern) => {
    const file = writeConfig(yaml);
    const run = await runFlynn(['config', 'validate', '--config', file], { env: home.env });
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    // A syntax error also shows the offending line, and a caret under the place.
    if (name === 'broken YAML') {
      expect(lines).toHaveLength(3);
      expect(lines[2]).toMatch(/^\s+\^$/);
    } else expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\n\s+at /);

    const json = await runFlynn(['config', 'validate', '--json', '--config', file], {
      env: home.env,
    });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, tiers: {} });
  });
});
