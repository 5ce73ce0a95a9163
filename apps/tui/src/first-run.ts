import { type AuthStoreData, DEFAULT_PROFILE, profileStoreKey } from '@flynn/auth-store';
import { tierProfiles } from '@flynn/config';
import { providerSpec } from '@flynn/core';
import { inProfile } from './commands/login-profile.js';
import { isLoginProvider } from './login-providers.js';
import type { Session } from './session.js';
import { readStore, tierStatus } from './tier-status.js';

/**
 * At start on a terminal: when the chat's tier has no credential, says so in one line and
 * opens that provider's `/login` menu right away, the very menu and flows of `/login
 * <provider>` (`flynn login`'s words). Enter or Esc skips it, storing nothing; the chat's
 * prompt follows either way.
 *
 * `takePrompt` ends the early prompt before anything is written, and says whether the menu
 * may open: false when a line was already entered there (the user is chatting: the one-line
 * warning only, the line is not lost).
 */
export async function firstRunOffer(session: Session, takePrompt: () => boolean): Promise<void> {
  const { tier, screen } = session;
  const provider = tier.model.provider;
  let before: AuthStoreData;
  try {
    before = await readStore(session);
    const status = await tierStatus(session, tier, before);
    if (status.ok || status.problem !== 'no credential') return;
  } catch {
    // A broken store or a failing command reference is reported when a message is sent.
    return;
  }
  const offer = takePrompt();
  if (!isLoginProvider(provider)) {
    screen.warn(`${tier.name} has no credential yet (${provider}).`);
    return;
  }
  if (!offer) {
    screen.warn(`${tier.name} has no credential yet: /login ${provider} to add one.`);
    return;
  }
  // Into the profile the tier uses first (`profile:` or the first of `profiles:`), where
  // the tier will look for it.
  const profile = tierProfiles(tier)?.[0] ?? DEFAULT_PROFILE;
  const named = profile === DEFAULT_PROFILE ? undefined : profile;
  // `/login`'s arguments, also the command the "Skipped" note suggests.
  const loginArgs = named ? [provider, '--profile', named] : [provider];
  screen.warn(
    `${tier.name} has no credential yet: log in to ${providerSpec(provider).label}${inProfile(named)} now, or press Enter to skip.`,
  );
  try {
    const { login } = await import('./commands/login.js');
    await login(session, loginArgs);
  } catch (error) {
    session.screen.clearStatus();
    const { reportError } = await import('./report-error.js');
    reportError(screen, error, session.env);
  }
  const after = await readStore(session).catch(() => undefined);
  const key = profileStoreKey(provider, profile);
  const stored = (store: AuthStoreData | undefined) => JSON.stringify(store?.[key]);
  if (stored(after) === stored(before)) {
    screen.note(`Skipped: /login ${loginArgs.join(' ')} adds one later.`);
  } else if (after) {
    // Something was stored: say whether the tier can use it (as `/model <tier>` does).
    const status = await tierStatus(session, tier, after).catch(() => undefined);
    if (status && !status.ok) screen.warn(`${status.problem} for ${tier.name}. ${status.remedy}.`);
  }
}
