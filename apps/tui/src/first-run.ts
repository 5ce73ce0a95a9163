import { loginMethods } from '@flynn/core';
import { isLoginProvider } from './login-providers.js';
import type { Session } from './session.js';
import { readStore, tierStatus } from './tier-status.js';

/**
 * At start: when the chat's tier has no credential, says so in one line and shows that
 * provider's `/login` choices in `flynn login`'s words (nothing is asked: typing anything
 * else skips it). True when it wrote anything (the early prompt was ended first through
 * `beforeOutput`).
 */
export async function firstRunOffer(session: Session, beforeOutput: () => void): Promise<boolean> {
  const { tier, screen } = session;
  const provider = tier.model.provider;
  try {
    const status = await tierStatus(session, tier, await readStore(session));
    if (status.ok || status.problem !== 'no credential') return false;
  } catch {
    // A broken store or a failing command reference is reported when a message is sent.
    return false;
  }
  beforeOutput();
  if (!isLoginProvider(provider)) {
    screen.warn(`${tier.name} has no credential yet (${provider}).`);
    return true;
  }
  const choices = loginMethods(provider)
    .map((method, index) => `${index + 1}) ${method.label}`)
    .join('  ');
  screen.warn(`${tier.name} has no credential yet: /login ${provider} to add one, or skip it.`);
  screen.note(`/login ${provider} offers: ${choices}`);
  return true;
}
