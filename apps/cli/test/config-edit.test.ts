// `flynn config init | set | unset` end to end, on the commented default config.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFlynn } from './run-flynn.js';

let home: TempHome;
let file: string;
beforeEach(() => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
  file = join(home.configDir, 'config.yaml');
});
afterEach(() => home.cleanup());

const flynn = (...args: string[]) => runFlynn(args, { env: home.env });
const commentLines = (text: string) => text.split('\n').filter((line) => /^\s*#/.test(line));

describe('flynn config init / set / unset', () => {
  it('set models.fast.auth_mode oauth: validate shows it with origin auth_mode, every comment line kept', async () => {
    expect((await flynn('config', 'init')).code).toBe(0);
    const before = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const set = await flynn('config', 'set', 'models.fast.auth_mode', 'oauth');
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(commentLines(after)).toEqual(commentLines(before));
    const validate = JSON.parse((await flynn('config', 'validate', '--json')).stdout);
    expect(validate.tiers.fast).toMatchObject({
      auth_mode: 'oauth',
      auth_mode_origin: 'auth_mode',
    });
    expect(validate.valid).toBe(true);

    const unset = await flynn('config', 'unset', 'models.fast.auth_mode');
    expect(unset.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('an invalid result is refused and the file is unchanged', async () => {
    await flynn('config', 'init');
    const before = readFileSync(file, 'utf8');
    const run = await flynn('config', 'set', 'models.local.auth_mode', 'oauth');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('was not changed');
    expect(run.stderr).toContain('models.local');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('init never overwrites without --force', async () => {
    writeFileSync(file, 'models: {}\n');
    const run = await flynn('config', 'init');
    expect(run.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('models: {}\n');
    expect((await flynn('config', 'init', '--force')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('# Flynn configuration');
  });

  it('set without a config file is a usage error naming config init', async () => {
    const run = await flynn('config', 'set', 'models.fast.model', 'gpt-5');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('flynn config init');
  });
});
