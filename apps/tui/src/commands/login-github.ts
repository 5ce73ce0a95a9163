import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { askSecret, choose } from '../ask.js';
import type { Session } from '../session.js';
import { storeOptions } from '../store-options.js';
import { CREDENTIAL_SLOTS } from './credential-slots.js';
import { mayReplace, pasteCredential, storeChecked } from './paste-credential.js';

/** The `gh` executable on `env.PATH`, if there is one. */
export async function findGh(env: Readonly<Record<string, string | undefined>>) {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'gh');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** `gh auth token`'s output (trimmed), or `undefined` when gh fails or prints nothing. */
function ghAuthToken(gh: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(gh, ['auth', 'token'], { env, timeout: 10_000 }, (error, stdout) => {
      const token = String(stdout).trim();
      resolve(error || token === '' ? undefined : token);
    });
  });
}

/**
 * `/login github`: when the GitHub CLI is installed, offers its token (`gh auth token`,
 * read without showing it), else (or on request) takes one at a hidden prompt.
 */
export async function loginGitHub(session: Session): Promise<void> {
  const slot = CREDENTIAL_SLOTS['github-token'];
  const gh = await findGh(session.env);
  if (!gh) {
    await pasteCredential(session, slot);
    return;
  }
  if (!(await mayReplace(session, slot, await slot.load(storeOptions(session))))) return;
  session.screen.line(
    'Log in to GitHub:  1) Use the GitHub CLI token (gh auth token)  2) Paste a token',
  );
  const choice = await choose(session, 2);
  if (choice === undefined) return;
  if (choice === 1) {
    const token = await ghAuthToken(gh, { ...session.env });
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
