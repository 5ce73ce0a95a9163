import { findGh, ghAuthToken } from '@flynn/auth-store';
import { loginMethods } from '@flynn/core';
import { askSecret } from '../ask.js';
import type { Session } from '../session.js';
import { storeOptions } from '../store-options.js';
import { credentialSlot } from './credential-slots.js';
import { chooseLoginMethod } from './login-menu.js';
import { mayReplace, pasteCredential, storeChecked } from './paste-credential.js';

/**
 * `/login github`: when the GitHub CLI is installed, offers its token (`gh auth token`,
 * read without showing it), else (or on request) takes one at a hidden prompt; into the named
 * `profile` when given.
 */
export async function loginGitHub(session: Session, profile?: string): Promise<void> {
  const slot = credentialSlot('github', 'api_key', profile);
  const gh = findGh(session.env);
  if (!gh) {
    await pasteCredential(session, slot);
    return;
  }
  if (!(await mayReplace(session, slot, await slot.load(storeOptions(session))))) return;
  // The device flow needs an OAuth app's client id: it stays with `flynn login github --device`.
  const methods = loginMethods('github').filter((method) => method.method !== 'device');
  const method = await chooseLoginMethod(session, 'github', methods);
  if (method === undefined) return;
  if (method.method === 'gh') {
    const result = await ghAuthToken({ ...session.env });
    const token = result.ok ? result.token.trim() : '';
    if (token) {
      await storeChecked(session, slot, token);
      return;
    }
    session.screen.warn(
      '`gh auth token` gave no token (run `gh auth login` first). Paste one instead.',
    );
  }
  const value = await askSecret(session, `your ${slot.name}`);
  if (value !== undefined) await storeChecked(session, slot, value);
}
