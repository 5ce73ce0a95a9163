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
 * Opens `url` with the platform's opener (`open`, `xdg-open`, `start`), detached, output
 * discarded. Best effort: every failure is ignored, since the URL is always printed too.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { env, detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener: the printed URL is enough.
  }
}
