import { loadStoredOpenAIOAuth, maskSecret, type OpenAIOAuthTokens } from '@flynn/auth-store';
import { confirm } from '../ask.js';
import { isCancellation, reportError } from '../report-error.js';
import type { Session } from '../session.js';
import { lockWaitStatus, storeOptions } from '../store-options.js';
import { autoModeNote } from './auto-mode-note.js';
import { credentialSlot } from './credential-slots.js';
import { chooseLoginMethod } from './login-menu.js';
import { inProfile } from './login-profile.js';
import { pasteCredential } from './paste-credential.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * `/login openai`: the choices of `flynn login openai`: 1) the ChatGPT login in the browser,
 * 2) the ChatGPT login with a device code, 3) paste an API key; each into the named `profile`
 * when given (a ChatGPT login at `openai:<profile>.oauth`).
 */
export async function loginOpenAI(session: Session, profile?: string): Promise<void> {
  const method = await chooseLoginMethod(session, 'openai');
  if (method?.method === 'browser') await chatGPTLogin(session, browserLogin, profile);
  else if (method?.method === 'device') await chatGPTLogin(session, deviceLogin, profile);
  else if (method) await pasteCredential(session, credentialSlot('openai', 'api_key', profile));
}

function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What a login flow gets: the abort signal (Ctrl-C) and a way to start the wait line. */
interface LoginContext {
  signal: AbortSignal;
  startWait(expiresAt: number, waitingFor: string): void;
  /** The named profile the tokens go into (`openai:<profile>.oauth`), if any. */
  profile?: string;
}
type LoginFlow = (session: Session, context: LoginContext) => Promise<OpenAIOAuthTokens>;

/**
 * Either ChatGPT login: asks before replacing a stored one, runs `flow` with a live wait line
 * ("Waiting for the browser… 9:59 left (Ctrl-C to cancel)") until it ends, Ctrl-C cancelling
 * it. The tokens are stored by `@flynn/models` itself; none of them is shown.
 */
async function chatGPTLogin(session: Session, flow: LoginFlow, profile?: string): Promise<void> {
  const { screen } = session;
  const existing = await loadStoredOpenAIOAuth({ ...storeOptions(session), profile });
  if (existing) {
    const account = existing.account_id ? `account ${existing.account_id}, ` : '';
    screen.line(
      `A ChatGPT login${inProfile(profile)} is already stored (${account}token ${maskSecret(existing.access_token)}).`,
    );
    if (!(await confirm(session, 'Log in again and replace it?'))) {
      screen.line('Kept the stored ChatGPT login.');
      return;
    }
  }
  const controller = new AbortController();
  const stopWatching = session.terminal.watchInterrupt(() => controller.abort());
  let timer: NodeJS.Timeout | undefined;
  // Stops the wait line as soon as the flow ends, before anything else is printed: the
  // success path still awaits (autoModeNote) and a tick then would draw the wait again.
  const endWait = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    screen.clearStatus();
  };
  const startWait = (expiresAt: number, waitingFor: string) => {
    let frame = 0;
    const showWait = () => {
      frame = (frame + 1) % SPINNER.length;
      screen.status(
        `${SPINNER[frame]} Waiting for ${waitingFor}… ${formatRemaining(expiresAt - Date.now())} left (Ctrl-C to cancel)`,
      );
    };
    if (screen.interactive) {
      showWait();
      timer = setInterval(showWait, 120);
    } else {
      screen.line(`Waiting for ${waitingFor}…`);
    }
  };
  try {
    const tokens = await flow(session, { signal: controller.signal, startWait, profile });
    endWait();
    const account = tokens.account_id ? ` (account ${tokens.account_id})` : '';
    screen.line(
      `${screen.style('green', '✓')} Logged in with ChatGPT${account}${inProfile(profile)}. Stored the tokens (${maskSecret(tokens.access_token)}) in ${session.storePath}.`,
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

/**
 * The ChatGPT login in the browser (`startBrowserLogin` of `@flynn/models`): prints the
 * authorize URL, opens it (FLYNN_BROWSER or the platform's opener, when there is a desktop)
 * and waits for the browser to come back to the callback on localhost.
 */
const browserLogin: LoginFlow = async (session, { signal, startWait, profile }) => {
  const { canOpenBrowser, openBrowser, resolveOpenAIOAuthSettings, startBrowserLogin } =
    await import('@flynn/models');
  const { screen } = session;
  const login = await startBrowserLogin({
    settings: resolveOpenAIOAuthSettings(session.config, session.env),
    storePath: session.storePath,
    env: session.env,
    credentialStore: session.config.credential_store,
    onLockWait: lockWaitStatus(session),
    signal,
    profile,
  });
  screen.line('Open this page in a browser to sign in to ChatGPT:');
  screen.line(`  ${screen.style('bold', login.authorizeUrl)}`);
  if (canOpenBrowser(session.env) && openBrowser(login.authorizeUrl, session.env)) {
    screen.line('(Opening it in your browser.)');
  } else {
    screen.note(
      'No browser can be opened here: open the page elsewhere, or use 2) the device code login.',
    );
  }
  startWait(login.expiresAt, 'the browser');
  return login.result;
};

/** The ChatGPT device-code login (`loginWithDeviceCode` of `@flynn/models`). */
const deviceLogin: LoginFlow = async (session, { signal, startWait, profile }) => {
  const { loginWithDeviceCode, resolveOpenAIOAuthSettings } = await import('@flynn/models');
  const { screen } = session;
  return loginWithDeviceCode({
    settings: resolveOpenAIOAuthSettings(session.config, session.env),
    storePath: session.storePath,
    env: session.env,
    credentialStore: session.config.credential_store,
    onLockWait: lockWaitStatus(session),
    signal,
    profile,
    onCode: ({ verificationUrl, userCode, expiresAt }) => {
      screen.line(
        `Open ${screen.style('bold', verificationUrl)} in a browser and enter this code:`,
      );
      screen.line(`  ${screen.style('bold', userCode)}`);
      startWait(expiresAt, 'approval');
    },
  });
};
