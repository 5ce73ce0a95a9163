import { choose } from '../ask.js';
import type { Session } from '../session.js';
import { isLoginProvider, LOGIN_PROVIDERS } from '../tui-remedy.js';
import { CREDENTIAL_SLOTS } from './credential-slots.js';
import { loginGitHub } from './login-github.js';
import { loginOpenAI } from './login-openai.js';
import { pasteCredential } from './paste-credential.js';

/** `/login anthropic`: 1) paste an API key, 2) paste an auth token. */
async function loginAnthropic(session: Session): Promise<void> {
  session.screen.line('Log in to Anthropic:  1) Paste API key  2) Paste auth token');
  const choice = await choose(session, 2);
  if (choice === 1) await pasteCredential(session, CREDENTIAL_SLOTS['anthropic-api-key']);
  else if (choice === 2) await pasteCredential(session, CREDENTIAL_SLOTS['anthropic-auth-token']);
}

/** `/login <provider>`. */
export async function login(session: Session, args: string[]): Promise<void> {
  const provider = args[0]?.toLowerCase();
  if (!provider || !isLoginProvider(provider)) {
    session.screen.line(`Usage: /login <${Object.keys(LOGIN_PROVIDERS).join('|')}>`);
    return;
  }
  switch (provider) {
    case 'openai':
      return loginOpenAI(session);
    case 'anthropic':
      return loginAnthropic(session);
    case 'github':
      return loginGitHub(session);
    case 'zai':
      return pasteCredential(session, CREDENTIAL_SLOTS['zai-api-key']);
  }
}
