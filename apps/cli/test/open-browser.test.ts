import { describe, expect, it } from 'vitest';
import { browserCommand, isBrowserUrl, openBrowser } from '../src/credentials/open-browser.js';

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
