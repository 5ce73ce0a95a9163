import { type Env, isFlynnError, type Remedy, remedyText } from '@flynn/auth-store';
import type { Screen } from './screen.js';
import { toTuiRemedy } from './tui-remedy.js';

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for the cancellation errors of a model stream or an OAuth flow. */
export function isCancellation(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code === 'MODEL_ABORTED' ||
    code === 'OAUTH_ABORTED' ||
    (error as { name?: unknown } | undefined)?.name === 'AbortError'
  );
}

/**
 * Prints an error the way the CLI would, with remedies naming TUI commands. Flynn's
 * errors never hold secrets, so their messages are shown; anything else is an internal
 * error whose details appear only with FLYNN_DEBUG=1 (they could hold anything).
 */
export function reportError(screen: Screen, error: unknown, env: Env): void {
  const code = codeOf(error);
  if (code === 'CREDENTIAL_MISSING' && isFlynnError(error)) {
    const remedy = (error as unknown as { remedy: Remedy }).remedy;
    const cli = `${remedyText(remedy, 'cli')}.`;
    const message = error.message.endsWith(cli)
      ? error.message.slice(0, -cli.length).trimEnd()
      : error.message;
    screen.error(message, remedyText(remedy, 'tui'));
    return;
  }
  if (code && (isFlynnError(error) || /^(MODEL|OAUTH|PROVIDER|DEVICE_LOGIN)_/.test(code))) {
    const message = toTuiRemedy((error as Error).message);
    const remedy = (error as { remedy?: unknown }).remedy;
    const hint = typeof remedy === 'string' ? toTuiRemedy(remedy) : undefined;
    screen.error(message, hint && !message.includes(hint) ? hint : undefined);
    return;
  }
  screen.error(
    'internal error: something unexpected went wrong.',
    env.FLYNN_DEBUG
      ? String((error as Error | undefined)?.stack ?? error)
      : 'Run with FLYNN_DEBUG=1 for details (check them for secrets before sharing).',
  );
}
