import { clearStoredCredential, selectLogout } from '@flynn/auth-store';
import { isLoginProvider, LOGIN_PROVIDERS } from '../login-providers.js';
import type { Session } from '../session.js';
import { storeOptions } from '../store-options.js';
import { inProfile, takeProfile } from './login-profile.js';

/**
 * `/logout <provider> [api-key|oauth|all] [--profile NAME]`: removes stored credentials of
 * that provider (all of them by default; of the named profile only with `--profile`, as
 * `flynn logout <provider> --profile NAME`) and says which, and which env vars would still
 * provide one. The kinds and the words for them come from the registry (`selectLogout`), as
 * the CLI's.
 */
export async function logout(session: Session, args: string[]): Promise<void> {
  const { screen } = session;
  const { rest, profile, error } = takeProfile(args);
  if (error) {
    screen.warn(error);
    return;
  }
  const provider = rest[0]?.toLowerCase();
  if (!provider || !isLoginProvider(provider)) {
    screen.line(
      `Usage: /logout <${LOGIN_PROVIDERS.join('|')}> [api-key|oauth|all] [--profile NAME]`,
    );
    return;
  }
  const { kinds, allowed } = selectLogout(provider, rest[1] ?? 'all');
  if (kinds.length === 0) {
    screen.line(`Usage: /logout ${provider} [${allowed.join('|')}] [--profile NAME]`);
    return;
  }
  for (const kind of kinds) {
    const removed = await clearStoredCredential(provider, kind.kind, {
      ...storeOptions(session),
      ...(profile ? { profile } : {}),
    });
    const label = `${kind.label}${inProfile(profile)}`;
    screen.line(
      removed ? `Removed the ${label} from ${session.storePath}.` : `No ${label} was stored.`,
    );
    const stillSet = kind.envVars.filter((name) => session.env[name]?.trim());
    if (stillSet.length > 0) {
      screen.note(
        `${stillSet.join(' and ')} still provide${stillSet.length === 1 ? 's' : ''} one from the environment.`,
      );
    }
  }
}
