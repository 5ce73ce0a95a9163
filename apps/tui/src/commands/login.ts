import { isLoginProvider, LOGIN_PROVIDERS, type LoginProvider } from '../login-providers.js';
import type { Session } from '../session.js';
import { credentialSlot } from './credential-slots.js';
import { loginGitHub } from './login-github.js';
import { chooseLoginMethod } from './login-menu.js';
import { loginOpenAI } from './login-openai.js';
import { pasteCredential } from './paste-credential.js';

/** `/login anthropic`: 1) paste an API key, 2) paste an auth token. */
async function loginAnthropic(session: Session): Promise<void> {
  const method = await chooseLoginMethod(session, 'anthropic');
  if (method) await pasteCredential(session, credentialSlot('anthropic', method.kind));
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
