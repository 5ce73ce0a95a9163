import { isLoginProvider, LOGIN_PROVIDERS, type LoginProvider } from '../login-providers.js';
import type { Session } from '../session.js';
import { credentialSlot } from './credential-slots.js';
import { loginGitHub } from './login-github.js';
import { chooseLoginMethod } from './login-menu.js';
import { loginOpenAI } from './login-openai.js';
import { takeProfile } from './login-profile.js';
import { pasteCredential } from './paste-credential.js';

/** `/login anthropic`: 1) paste an API key, 2) paste an auth token. */
async function loginAnthropic(session: Session, profile?: string): Promise<void> {
  const method = await chooseLoginMethod(session, 'anthropic');
  if (method) await pasteCredential(session, credentialSlot('anthropic', method.kind, profile));
}

/**
 * `/login <provider>` for every registry provider that holds a credential: OpenAI, Anthropic
 * and GitHub have their menus; every other provider (Z.AI, Gemini, Mistral, ...) takes its
 * API key at a hidden prompt. `--profile NAME` stores into that named profile (issue 17), as
 * `flynn login <provider> --profile NAME` does: a ChatGPT login too.
 */
export async function login(session: Session, args: string[]): Promise<void> {
  const { rest, profile, error } = takeProfile(args);
  if (error) {
    session.screen.warn(error);
    return;
  }
  const provider = rest[0]?.toLowerCase();
  if (!provider || !isLoginProvider(provider) || rest.length > 1) {
    session.screen.line(`Usage: /login <${LOGIN_PROVIDERS.join('|')}> [--profile NAME]`);
    return;
  }
  const chosen: LoginProvider = provider;
  switch (chosen) {
    case 'openai':
      return loginOpenAI(session, profile);
    case 'anthropic':
      return loginAnthropic(session, profile);
    case 'github':
      return loginGitHub(session, profile);
    default:
      return pasteCredential(session, credentialSlot(chosen, 'api_key', profile));
  }
}
