import { type LoginMethod, loginMethods, type ProviderId, providerSpec } from '@flynn/core';
import { choose } from '../ask.js';
import type { Session } from '../session.js';

/**
 * `/login <provider>`'s menu: the choices of `flynn login <provider>`, in its words (core's
 * `loginMethods`), on one line; `methods` narrows them to what the TUI can do here. The
 * chosen method, or `undefined` when cancelled.
 */
export async function chooseLoginMethod(
  session: Session,
  provider: ProviderId,
  methods: readonly LoginMethod[] = loginMethods(provider),
): Promise<LoginMethod | undefined> {
  const choices = methods.map((method, i) => `${i + 1}) ${method.label}`).join('  ');
  session.screen.line(`Log in to ${providerSpec(provider).label}:  ${choices}`);
  const choice = await choose(session, methods.length);
  return choice === undefined ? undefined : methods[choice - 1];
}
