import { choose } from '../ask.js';
import { isLoginProvider, LOGIN_PROVIDERS, type LoginProvider } from '../login-providers.js';
import type { Session } from '../session.js';
import { credentialSlot } from './credential-slots.js';
import { loginGitHub } from './login-github.js';
import { loginOpenAI } from './login-openai.js';
import { pasteCredential } from './paste-credential.js';

/** `/login anthropic`: 1) paste an API key, 2) paste an auth token. */
async function loginAnthropic(session: Session): Promise<void> {
  session.screen.line('Log in to Anthropic:  1) Paste API key  2) Paste auth token');
  const choice = await choose(session, 2);
  if (choice === 1) await pasteCredential(session, credentialSlot('anthropic', 'api_key'));
  else if (choice === 2) await pasteCredential(session, credentialSlot('anthropic', 'auth_token'));
}

/**
 * `/login <provider>` for every registry provider that holds a credential: OpenAI, Anthropic
 * and GitHub have their menus; every other provider (Z.AI, Gemini, Mistral, ...) takes its
 * API key at a hidden prompt.
 */
export async function login(session: Session, args: string[]): Promise<void> {
  const provider = args[0]?.toLowerCase();
  if (!provider || !isLoginProvider(provider)) {
    session.screen.line(`Usage: /login <${LOGIN_PROVIDERS.join('|')}>`);
    return;
  }
  const chosen: LoginProvider = provider;
  switch (chosen) {
    case 'openai':
      return loginOpenAI(session);
    case 'anthropic':
      return loginAnthropic(session);
    case 'github':
      return loginGitHub(session);
    default:
      return pasteCredential(session, credentialSlot(chosen, 'api_key'));
  }
}
