// Opening a login page in the user's browser. Guarantees: no shell is involved, the URL
// is one argument and must be an absolute http(s) URL, and Flynn never waits on the opener
// (detached, output discarded): the URL is always printed too, so a failed or slow opener
// costs nothing.
import { spawn } from 'node:child_process';
import type { Env } from '@flynn/core';

/**
 * The program named by `FLYNN_BROWSER` (a path or a name on PATH, run without a shell with
 * the URL as its only argument), or `undefined` when unset. It replaces the platform's
 * opener: for a browser of one's choice, and for tests that drive a headless browser.
 */
export function browserOverride(env: Env): string | undefined {
  return env.FLYNN_BROWSER?.trim() || undefined;
}

/**
 * Whether a browser can be opened for `env`: with `FLYNN_BROWSER` set, macOS and Windows
 * always, elsewhere only with a graphical session (DISPLAY or WAYLAND_DISPLAY).
 */
export function canOpenBrowser(env: Env): boolean {
  if (browserOverride(env)) return true;
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(env.DISPLAY?.trim() || env.WAYLAND_DISPLAY?.trim());
}

/**
 * Whether `url` may be handed to the platform's opener: an absolute `http:` or `https:`
 * URL with a host. Anything else (`file:`, `javascript:`, a custom scheme the opener
 * would run a program for, a relative path, text with spaces or control characters) is
 * refused. The URL comes from a login server, so it is checked rather than trusted.
 */
export function isBrowserUrl(url: string): boolean {
  // The openers split or reinterpret whitespace and control characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is what it looks for
  if (/[\s\u0000-\u001f\u007f]/.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
}

/** The opener and its arguments for `url` on `platform`; no shell is involved anywhere. */
export function browserCommand(url: string, platform: NodeJS.Platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // rundll32 hands the URL to the registered protocol handler; `cmd /c start` would
  // parse it as a command line (`&`, `^`, `%`).
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

/**
 * Opens `url` with `FLYNN_BROWSER` or else the platform's opener (`open`, `xdg-open`,
 * `rundll32`), detached, output discarded, and returns whether it tried. A URL that is not
 * http(s) is never opened (returns false). Best effort: every failure is ignored, since the
 * URL is always printed too.
 */
export function openBrowser(url: string, env: Env): boolean {
  if (!isBrowserUrl(url)) return false;
  const override = browserOverride(env);
  const [command, args] = override ? [override, [url]] : browserCommand(url, process.platform);
  try {
    const child = spawn(command, args, { env, detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener: the printed URL is enough.
  }
  return true;
}
