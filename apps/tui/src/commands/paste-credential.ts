import { maskSecret } from '@flynn/auth-store';
import { withArticle } from '@flynn/core';
import { askSecret, confirm } from '../ask.js';
import type { Session } from '../session.js';
import { storeOptions } from '../store-options.js';
import { autoModeNote } from './auto-mode-note.js';
import { type CredentialSlot, kindMismatch } from './credential-slots.js';

/**
 * Asks before replacing a stored credential (shown masked). True when the caller may
 * go on and store a new one.
 */
export async function mayReplace(
  session: Session,
  slot: CredentialSlot,
  existing: string | undefined,
): Promise<boolean> {
  if (existing === undefined) return true;
  session.screen.line(
    `${capitalize(withArticle(slot.name))} is already stored (${maskSecret(existing)}).`,
  );
  if (await confirm(session, 'Replace it?')) return true;
  session.screen.line(`Kept the stored ${slot.name}.`);
  return false;
}

/** Stores `value` in `slot`, confirms without showing it, and notes env vars that override it. */
export async function storeInSlot(session: Session, slot: CredentialSlot, value: string) {
  await slot.store(value, storeOptions(session));
  session.screen.line(
    // The same masked fingerprint as `flynn login` prints, so both can be matched to a key.
    `${session.screen.style('green', '✓')} Stored the ${slot.name} ${maskSecret(value)} in ${session.storePath}.`,
  );
  const overriding = slot.envVars.find((name) => session.env[name]?.trim());
  if (overriding) {
    session.screen.note(
      `${overriding} is set in this environment and takes precedence over the stored ${slot.name}.`,
    );
  }
  if (slot.provider === 'anthropic' && slot.kind === 'auth_token') {
    await autoModeNote(session, 'anthropic', 'auth token');
  }
}

/**
 * The paste flow shared by every `/login` choice that takes a secret: say what is
 * stored already (masked) and ask before replacing, read the value at a hidden prompt,
 * warn when it looks like another kind of credential, store it. The value itself is
 * never written to the screen, not even masked.
 */
export async function pasteCredential(session: Session, slot: CredentialSlot): Promise<void> {
  if (!(await mayReplace(session, slot, await slot.load(storeOptions(session))))) return;
  const value = await askSecret(session, `your ${slot.name}`);
  if (value === undefined) return;
  await storeChecked(session, slot, value);
}

/** Stores `value` in `slot` after the kind-mismatch check. */
export async function storeChecked(session: Session, slot: CredentialSlot, value: string) {
  let target = slot;
  const mismatch = kindMismatch(slot, value);
  if (mismatch) {
    session.screen.warn(mismatch.message);
    const sibling = mismatch.sibling;
    if (sibling) {
      const existing = await sibling.load(storeOptions(session));
      const replaces = existing ? ` (replacing the stored one, ${maskSecret(existing)})` : '';
      if (await confirm(session, `Store it as the ${sibling.name} instead${replaces}?`, true)) {
        target = sibling;
      }
    } else if (!(await confirm(session, `Store it as the ${slot.name} anyway?`))) {
      session.screen.line('Nothing was stored.');
      return;
    }
  }
  await storeInSlot(session, target, value);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
