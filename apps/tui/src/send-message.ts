import { sanitizeText } from '@flynn/core';
import { abortable } from './abortable.js';
import { createAnswerWriter, endTurn } from './answer-writer.js';
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
  const writer = createAnswerWriter(screen);
  const spinner = startSpinner(session);
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
      onLockWait: (wait) => {
        // The lock notice takes the status line; the spinner stops rather than overwrite it.
        spinner.stop();
        lockWaitStatus(session)(wait);
      },
    });
    controller.signal.throwIfAborted();
    const stream = client.stream({ messages, signal: controller.signal });
    for await (const event of abortable(stream, controller.signal)) {
      if (event.type !== 'text' || event.text === '') continue;
      spinner.stop();
      answer += event.text;
      writer.write(event.text);
    }
    writer.end();
    screen.endLine();
    session.turns.push(question, { role: 'assistant', content: answer });
  } catch (error) {
    // What arrived stays, rendered; a code block left open gets its frame closed.
    writer.end();
    screen.endLine();
    if (controller.signal.aborted || isCancellation(error)) screen.note('(cancelled)');
    else reportError(screen, error, session.env);
  } finally {
    spinner.stop();
    stopWatching();
    endTurn(screen);
  }
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * "Waiting for <model>… 3s · Esc to cancel" on the status line until the first token
 * (terminals only; the status line is cleared by the first write).
 */
function startSpinner(session: Session): { stop(): void } {
  const { screen } = session;
  if (!screen.interactive) return { stop() {} };
  const model = sanitizeText(session.tier.model.model, { singleLine: true });
  const started = Date.now();
  let frame = 0;
  const show = () => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    const glyph = FRAMES[frame++ % FRAMES.length];
    screen.status(
      `${screen.style('cyan', glyph ?? '')} Waiting for ${model}… ${seconds}s · Esc to cancel`,
    );
  };
  show();
  const timer = setInterval(show, 100);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      screen.clearStatus();
    },
  };
}
