import type { Env, MissingCredentialError } from '@flynn/auth-store';
import { credentialLabel, isFlynnError, renderRemedy } from '@flynn/core';
import type { Screen } from './screen.js';

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
 * Prints an error with its remedy rendered for the TUI (`/login ...`). Flynn's
 * errors never hold secrets, so their messages are shown; anything else is an internal
 * error whose details appear only with FLYNN_DEBUG=1 (they could hold anything).
 */
export function reportError(screen: Screen, error: unknown, env: Env): void {
  // A Flynn error's message states the problem; its remedy is data, said in the TUI's words.
  if (isFlynnError(error)) {
    screen.error(chatMessage(error), renderRemedy(error.remedy, 'tui') || undefined);
    return;
  }
  screen.error(
    'internal error: something unexpected went wrong.',
    env.FLYNN_DEBUG
      ? String((error as Error | undefined)?.stack ?? error)
      : 'Run with FLYNN_DEBUG=1 for details (check them for secrets before sharing).',
  );
}

/**
 * The error's message as the chat says it. A missing credential is one short line (the
 * remedy follows as the hint): the CLI's message lists every place looked at, which belongs
 * in `/status` and `flynn doctor`, not in the conversation.
 */
function chatMessage(error: Error & { code: string }): string {
  if (error.code !== 'CREDENTIAL_MISSING') return error.message;
  const missing = error as MissingCredentialError;
  const wanted = missing.kinds.map((kind) => credentialLabel(missing.provider, kind)).join(' or ');
  return `${missing.tier} has no ${wanted} yet (/status shows where Flynn looked).`;
}
