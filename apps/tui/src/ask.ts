import type { Session } from './session.js';

/** Asks a question on one line; the trimmed answer, or `undefined` on Esc / Ctrl-C / Ctrl-D. */
export async function ask(session: Session, question: string): Promise<string | undefined> {
  const result = await session.terminal.readLine(question, { escapeCancels: true });
  return result.type === 'line' ? result.text.trim() : undefined;
}

/**
 * A yes/no question; Enter takes `defaultYes`, Ctrl-C / Ctrl-D mean no. The answer is read
 * without echo (a secret pasted at the wrong moment never reaches the screen) and shown as
 * the word it was taken for; anything but y/yes/n/no counts as no.
 */
export async function confirm(
  session: Session,
  question: string,
  defaultYes = false,
): Promise<boolean> {
  const result = await session.terminal.readSecret(
    `${question} ${defaultYes ? '[Y/n]' : '[y/N]'} `,
  );
  if (result.type === 'cancel') return false;
  const answer = result.value.trim();
  const yes = answer === '' ? defaultYes : /^y(es)?$/i.test(answer);
  const understood = answer === '' || /^(y(es)?|no?)$/i.test(answer);
  session.screen.note(
    understood ? (yes ? 'yes' : 'no') : 'no (that was not y or n; nothing of it is shown)',
  );
  return yes;
}

/** Asks for one of `count` numbered choices; the number, or `undefined` when cancelled. */
export async function choose(session: Session, count: number): Promise<number | undefined> {
  for (;;) {
    const answer = await ask(session, `Choose 1-${count} (Enter to cancel): `);
    if (answer === undefined || answer === '') return undefined;
    const choice = Number(answer);
    if (Number.isInteger(choice) && choice >= 1 && choice <= count) return choice;
    session.screen.line(`Type a number from 1 to ${count}.`);
  }
}

/**
 * Reads a credential at a hidden prompt. Nothing of it is echoed. `undefined` when
 * cancelled or left empty (and says so: nothing was stored).
 */
export async function askSecret(session: Session, label: string): Promise<string | undefined> {
  const result = await session.terminal.readSecret(`Paste ${label} (input is hidden): `);
  if (result.type === 'cancel') {
    session.screen.line('Cancelled; nothing was stored.');
    return undefined;
  }
  const value = result.value.trim();
  if (value === '') {
    session.screen.line('Nothing entered; nothing was stored.');
    return undefined;
  }
  return value;
}
