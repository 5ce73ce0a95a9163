import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommand, canOpenBrowser, isBrowserUrl, openBrowser } from './open-browser.js';

describe('isBrowserUrl', () => {
  it.each([
    'https://github.com/login/device',
    'https://auth.openai.com/codex/device',
    'http://127.0.0.1:41234/login/device?x=1&y=2',
    'HTTPS://EXAMPLE.COM/Path',
  ])('accepts %s', (url) => {
    expect(isBrowserUrl(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ms-settings:privacy',
    'smb://server/share',
    'calc.exe',
    '/login/device',
    '//github.com/login/device',
    '',
    'https://github.com/login device',
    'https://github.com/login\n--flag',
    'http://',
  ])('refuses %j', (url) => {
    expect(isBrowserUrl(url)).toBe(false);
  });

  it('openBrowser never starts an opener for a refused URL', () => {
    expect(openBrowser('file:///etc/passwd', { PATH: '' })).toBe(false);
    expect(openBrowser('javascript:alert(1)', { PATH: '' })).toBe(false);
  });
});

describe('browserCommand', () => {
  const url = 'https://github.com/login/device?a=1&b=%20';
  it('uses rundll32 on Windows, never cmd', () => {
    expect(browserCommand(url, 'win32')).toEqual([
      'rundll32',
      ['url.dll,FileProtocolHandler', url],
    ]);
  });

  it('uses open on macOS and xdg-open elsewhere, the URL as one argument', () => {
    expect(browserCommand(url, 'darwin')).toEqual(['open', [url]]);
    expect(browserCommand(url, 'linux')).toEqual(['xdg-open', [url]]);
  });
});

describe('FLYNN_BROWSER', () => {
  it('names the program that opens the URL (no shell, the URL one argument), on any desktop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flynn-browser-'));
    try {
      const out = join(dir, 'opened.txt');
      const program = join(dir, 'browser');
      // Written under another name and renamed, so the poll below never sees it empty.
      writeFileSync(
        program,
        `#!/bin/sh\nprintf '%s|%s' "$#" "$1" > '${out}.part' && mv '${out}.part' '${out}'\n`,
        { mode: 0o755 },
      );
      const env = { PATH: process.env.PATH, FLYNN_BROWSER: program };
      expect(canOpenBrowser(env)).toBe(true);
      const url = 'http://127.0.0.1:1/a?x=1&y=$(touch%20pwned)';
      expect(openBrowser(url, env)).toBe(true);
      for (let i = 0; i < 1000 && !existsSync(out); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(existsSync(out), 'the browser program wrote nothing within 10 s').toBe(true);
      expect(readFileSync(out, 'utf8')).toBe(`1|${url}`);
      expect(existsSync(join(dir, 'pwned'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without it and without a desktop, no browser can be opened on Linux', () => {
    if (process.platform !== 'linux') return;
    expect(canOpenBrowser({})).toBe(false);
    expect(canOpenBrowser({ FLYNN_BROWSER: '  ' })).toBe(false);
  });
});
