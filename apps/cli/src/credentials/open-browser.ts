import { spawn } from 'node:child_process';

/**
 * Whether a browser can be opened for `env`: macOS and Windows always, elsewhere only
 * with a graphical session (DISPLAY or WAYLAND_DISPLAY).
 */
export function canOpenBrowser(env: NodeJS.ProcessEnv): boolean {
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
 * Opens `url` with the platform's opener (`open`, `xdg-open`, `rundll32`), detached,
 * output discarded, and returns whether it tried. A URL that is not http(s) is never
 * opened (returns false). Best effort: every failure is ignored, since the URL is
 * always printed too.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv): boolean {
  if (!isBrowserUrl(url)) return false;
  const [command, args] = browserCommand(url, process.platform);
  try {
    const child = spawn(command, args, { env, detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener: the printed URL is enough.
  }
  return true;
}
