// What the user sees during a device-code login (ChatGPT or GitHub): the URL and the
// code, a browser opened when one can be, and a wait that shows the time left.
import { sanitizeText } from '@flynn/core';
import { canOpenBrowser, openBrowser } from '@flynn/models';
import { type CommandIO, style } from '../io.js';

export interface DeviceCodeDisplayOptions {
  /** Service name for messages: 'ChatGPT', 'GitHub'. */
  service: string;
  verificationUrl: string;
  /** A page with the code filled in (GitHub's `verification_uri_complete`), when given. */
  completeUrl?: string;
  userCode: string;
  /** `--json`: the instructions go to stderr so stdout holds only the JSON result. */
  json?: boolean;
  /** `--no-browser`. */
  noBrowser?: boolean;
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
  return Boolean((stream as { isTTY?: boolean }).isTTY);
}

/** Prints the URL (always) and the code, and opens a browser on an interactive desktop unless told not to. */
export function showDeviceCode(io: CommandIO, options: DeviceCodeDisplayOptions): void {
  const out = options.json ? io.stderr : io.stdout;
  const interactive = Boolean(io.stdin.isTTY) && isTerminal(io.stderr);
  const open = !options.noBrowser && interactive && canOpenBrowser(io.env);
  // Both come from the server: shown, never obeyed.
  const url = sanitizeText(options.verificationUrl, { singleLine: true });
  const code = sanitizeText(options.userCode, { singleLine: true });
  const complete = options.completeUrl
    ? sanitizeText(options.completeUrl, { singleLine: true })
    : undefined;
  out.write(
    `To sign in to ${options.service}, open this page and enter the code:\n\n` +
      `  ${url}\n\n` +
      `  code: ${style(io, 'bold', code)}\n\n` +
      (complete ? `Or open this page, with the code already filled in:\n\n  ${complete}\n\n` : ''),
  );
  if (open && openBrowser(options.completeUrl ?? options.verificationUrl, io.env)) {
    out.write('(Opening the page in your browser.)\n');
  }
}

function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Shows the wait on stderr until `stop()`, on a terminal only: one line rewritten every
 * second ("Waiting for approval... 14:59 left (Ctrl-C to cancel)"). In a pipe and with
 * `quiet` (`--json`) it shows nothing: the URL and code printed before are all a script or
 * a log needs. `waitingFor` names what is awaited (default `approval`), `hint` what the user
 * can do meanwhile (default `Ctrl-C to cancel`).
 */
export function startWaitIndicator(
  io: CommandIO,
  expiresAt: number,
  options: { waitingFor?: string; hint?: string; quiet?: boolean } = {},
): { stop(): void } {
  if (options.quiet || !isTerminal(io.stderr)) return { stop() {} };
  const waitingFor = options.waitingFor ?? 'approval';
  const hint = options.hint ?? 'Ctrl-C to cancel';
  const draw = () => {
    const left = formatRemaining(expiresAt - Date.now());
    io.stderr.write(`\r\u001b[2KWaiting for ${waitingFor}... ${left} left (${hint})`);
  };
  draw();
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      io.stderr.write('\r\u001b[2K');
    },
  };
}
