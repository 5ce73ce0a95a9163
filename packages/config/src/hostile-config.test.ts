import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatConfigIssue } from './config-issue.js';
import { loadConfig } from './load-config.js';
import { parseConfig } from './parse-config.js';

let home: TempHome;
beforeEach(() => {
  home = createTempHome();
});
afterEach(() => home.cleanup());

const SECRET = 'gw-secret-0123456789abcdef';

describe('hostile config input', () => {
  it('a header value with CR/LF is a config error at file:line:col that never quotes it', () => {
    const text = [
      'models:',
      '  default:',
      '    provider: openai',
      '    model: m',
      '    headers:',
      `      X-Gateway-Key: "${SECRET}\\r\\nX-Injected: 1"`,
    ].join('\n');
    const result = parseConfig(text, 'config.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const shown = result.issues.map(formatConfigIssue).join('\n');
    expect(shown).toMatch(
      /^config\.yaml:6:\d+: models\.default\.headers\.X-Gateway-Key: must be one line/,
    );
    expect(shown).not.toContain('gw-secret');
    expect(shown).not.toContain('Injected');
  });

  it('an invalid header name is a config error that does not echo a secret-looking name', () => {
    const text = `models:\n  default: { provider: openai, model: m, headers: { "Bad Header": x, "${SECRET}\\n": y } }\n`;
    const result = parseConfig(text, 'config.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const shown = result.issues.map(formatConfigIssue).join('\n');
    expect(shown).toContain('is not a valid HTTP header name');
    expect(shown).not.toContain('gw-secret');
  });

  it('--config naming a fifo or a device is reported at once, never read', () => {
    const fifo = join(home.home, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const result = loadConfig(fifo, { env: home.env });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toContain('is a fifo, not a regular file');
    const device = loadConfig('/dev/zero', { env: home.env });
    expect(device.ok).toBe(false);
    if (!device.ok) expect(device.issues[0]?.message).toContain('is a device');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('warns when the config file is writable by other users', () => {
    const file = join(home.home, 'config.yaml');
    writeFileSync(file, 'models:\n  default: { provider: openai, model: m }\n');
    chmodSync(file, 0o666);
    const result = loadConfig(file, { env: home.env });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((warning) => warning.message).join('\n')).toContain(
      'can be written by other users (mode 666)',
    );
    chmodSync(file, 0o600);
    expect(loadConfig(file, { env: home.env }).warnings).toEqual([]);
  });
});
