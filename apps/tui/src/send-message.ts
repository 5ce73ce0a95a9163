import { sanitizeText } from '@flynn/core';
import { abortable } from './abortable.js';
import { isCancellation, reportError } from './report-error.js';
import type { Session } from './session.js';
import { lockWaitStatus } from './store-options.js';

/**
 * Sends `text` to the current tier and streams the answer to the screen as it arrives.
 * Ctrl-C aborts the request (its AbortSignal) and returns to the prompt; a failed or
 * cancelled turn is dropped from the conversation so the next message starts clean.
 */
export async function sendMessage(session: Session, text: string): Promise<void> {
  const { screen, terminal } = session;
  const controller = new AbortController();
  const stopWatching = terminal.watchInterrupt(() => controller.abort());
  const question = { role: 'user' as const, content: text };
  const messages = [...session.turns, question];
  let answer = '';
  try {
    // The models package (and through it a provider SDK) loads on the first message only.
    const { createTierClient } = await import('@flynn/models');
    const { client } = await createTierClient({
      config: session.config,
      tier: session.tier.name,
      env: session.env,
      storePath: session.storePath,
      resolver: session.secretResolver,
      signal: controller.signal,
      onLockWait: lockWaitStatus(session),
    });
    controller.signal.throwIfAborted();
    const stream = client.stream({ messages, signal: controller.signal });
    for await (const event of abortable(stream, controller.signal)) {
      if (event.type !== 'text') continue;
      answer += event.text;
      screen.write(sanitizeText(event.text));
    }
    screen.endLine();
    session.turns.push(question, { role: 'assistant', content: answer });
  } catch (error) {
    screen.endLine();
    if (controller.signal.aborted || isCancellation(error)) screen.note('(cancelled)');
    else reportError(screen, error, session.env);
  } finally {
    stopWatching();
  }
}
