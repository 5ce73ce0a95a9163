import { loadStoredOpenAIOAuth, maskSecret } from '@flynn/auth-store';
import { choose, confirm } from '../ask.js';
import { isCancellation, reportError } from '../report-error.js';
import type { Session } from '../session.js';
import { lockWaitStatus, storeOptions } from '../store-options.js';
import { autoModeNote } from './auto-mode-note.js';
import { credentialSlot } from './credential-slots.js';
import { pasteCredential } from './paste-credential.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** `/login openai`: 1) the ChatGPT device-code flow, 2) paste an API key. */
export async function loginOpenAI(session: Session): Promise<void> {
  session.screen.line('Log in to OpenAI:  1) OAuth device flow  2) Paste API key');
  const choice = await choose(session, 2);
  if (choice === 1) await deviceLogin(session);
  else if (choice === 2) await pasteCredential(session, credentialSlot('openai', 'api_key'));
}

function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The device-code flow of `@flynn/models`: shows the URL and code, then a live wait
 * line until the code is approved. Ctrl-C cancels (the flow's AbortSignal). The tokens
 * are stored by `loginWithDeviceCode` itself; none of them is shown.
 */
async function deviceLogin(session: Session): Promise<void> {
  const { screen } = session;
  const existing = await loadStoredOpenAIOAuth(storeOptions(session));
  if (existing) {
    const account = existing.account_id ? `account ${existing.account_id}, ` : '';
    screen.line(
      `A ChatGPT login is already stored (${account}token ${maskSecret(existing.access_token)}).`,
    );
    if (!(await confirm(session, 'Log in again and replace it?'))) {
      screen.line('Kept the stored ChatGPT login.');
      return;
    }
  }
  const { loginWithDeviceCode, resolveOpenAIOAuthSettings } = await import('@flynn/models');
  const controller = new AbortController();
  const stopWatching = session.terminal.watchInterrupt(() => controller.abort());
  let expiresAt = 0;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const showWait = () => {
    frame = (frame + 1) % SPINNER.length;
    screen.status(
      `${SPINNER[frame]} Waiting for approval… ${formatRemaining(expiresAt - Date.now())} left (Ctrl-C to cancel)`,
    );
  };
  // Stops the wait line as soon as the flow ends, before anything else is printed: the
  // success path still awaits (autoModeNote) and a tick then would draw the wait again.
  const endWait = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    screen.clearStatus();
  };
  try {
    const tokens = await loginWithDeviceCode({
      settings: resolveOpenAIOAuthSettings(session.config, session.env),
      storePath: session.storePath,
      env: session.env,
      onLockWait: lockWaitStatus(session),
      signal: controller.signal,
      onCode: ({ verificationUrl, userCode, expiresAt: codeExpiresAt }) => {
        expiresAt = codeExpiresAt;
        screen.line(
          `Open ${screen.style('bold', verificationUrl)} in a browser and enter this code:`,
        );
        screen.line(`  ${screen.style('bold', userCode)}`);
        if (screen.interactive) {
          showWait();
          timer = setInterval(showWait, 120);
        } else {
          screen.line('Waiting for approval…');
        }
      },
    });
    endWait();
    const account = tokens.account_id ? ` (account ${tokens.account_id})` : '';
    screen.line(
      `${screen.style('green', '✓')} Logged in with ChatGPT${account}. Tokens stored in ${session.storePath}.`,
    );
    await autoModeNote(session, 'openai', 'ChatGPT login');
  } catch (error) {
    endWait();
    if (controller.signal.aborted || isCancellation(error)) screen.line('Login cancelled.');
    else reportError(screen, error, session.env);
  } finally {
    endWait();
    stopWatching();
  }
}
