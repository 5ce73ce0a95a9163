import { clearStoredCredential, selectLogout } from '@flynn/auth-store';
import { isLoginProvider, LOGIN_PROVIDERS } from '../login-providers.js';
import type { Session } from '../session.js';
import { storeOptions } from '../store-options.js';

/**
 * `/logout <provider> [api-key|oauth|all]`: removes stored credentials of that provider
 * (all of them by default) and says which, and which env vars would still provide one.
 * The kinds and the words for them come from the registry (`selectLogout`), as the CLI's.
 */
export async function logout(session: Session, args: string[]): Promise<void> {
  const { screen } = session;
  const provider = args[0]?.toLowerCase();
  if (!provider || !isLoginProvider(provider)) {
    screen.line(`Usage: /logout <${LOGIN_PROVIDERS.join('|')}> [api-key|oauth|all]`);
    return;
  }
  const { kinds, allowed } = selectLogout(provider, args[1] ?? 'all');
  if (kinds.length === 0) {
    screen.line(`Usage: /logout ${provider} [${allowed.join('|')}]`);
    return;
  }
  for (const kind of kinds) {
    const removed = await clearStoredCredential(provider, kind.kind, storeOptions(session));
    screen.line(
      removed
        ? `Removed the ${kind.label} from ${session.storePath}.`
        : `No ${kind.label} was stored.`,
    );
    const stillSet = kind.envVars.filter((name) => session.env[name]?.trim());
    if (stillSet.length > 0) {
      screen.note(
        `${stillSet.join(' and ')} still provide${stillSet.length === 1 ? 's' : ''} one from the environment.`,
      );
    }
  }
}
