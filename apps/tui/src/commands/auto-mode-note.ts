import { loadStoredAnthropicApiKey, loadStoredOpenAIApiKey } from '@flynn/auth-store';
import type { Session } from '../session.js';
import { storeOptions } from '../store-options.js';

/**
 * After storing an OAuth login or auth token: in `auth_mode: auto` an API key (env or
 * store) wins, so say so when one exists, as the CLI does.
 */
export async function autoModeNote(
  session: Session,
  provider: 'openai' | 'anthropic',
  tokenLabel: string,
): Promise<void> {
  const envVar = provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
  const load = provider === 'openai' ? loadStoredOpenAIApiKey : loadStoredAnthropicApiKey;
  const where = session.env[envVar]?.trim()
    ? `${envVar} is set`
    : (await load(storeOptions(session)))
      ? 'An API key is stored too'
      : undefined;
  if (!where) return;
  session.screen.note(
    `${where}: tiers with auth_mode auto use the API key first; set auth_mode: oauth on a tier to use the ${tokenLabel}.`,
  );
}
