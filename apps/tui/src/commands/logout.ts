import {
  clearAnthropicApiKey,
  clearAnthropicAuthToken,
  clearGitHubToken,
  clearOpenAIApiKey,
  clearOpenAIOAuth,
  clearZaiApiKey,
  type StoreOptions,
} from '@flynn/auth-store';
import type { Session } from '../session.js';
import { storeOptions } from '../store-options.js';
import { isLoginProvider, LOGIN_PROVIDERS, type LoginProvider } from '../tui-remedy.js';

interface StoredKind {
  /** The words `/logout` accepts for it. */
  names: readonly string[];
  label: string;
  envVars: readonly string[];
  clear(options: StoreOptions): Promise<boolean>;
}

const KINDS: Record<LoginProvider, StoredKind[]> = {
  openai: [
    {
      names: ['api-key', 'key'],
      label: 'OpenAI API key',
      envVars: ['OPENAI_API_KEY'],
      clear: clearOpenAIApiKey,
    },
    { names: ['oauth', 'login'], label: 'ChatGPT login', envVars: [], clear: clearOpenAIOAuth },
  ],
  anthropic: [
    {
      names: ['api-key', 'key'],
      label: 'Anthropic API key',
      envVars: ['ANTHROPIC_API_KEY'],
      clear: clearAnthropicApiKey,
    },
    {
      names: ['oauth', 'token', 'auth-token'],
      label: 'Anthropic auth token',
      envVars: ['ANTHROPIC_AUTH_TOKEN'],
      clear: clearAnthropicAuthToken,
    },
  ],
  github: [
    {
      names: ['token', 'api-key'],
      label: 'GitHub token',
      envVars: ['GH_TOKEN', 'GITHUB_TOKEN'],
      clear: clearGitHubToken,
    },
  ],
  zai: [
    {
      names: ['api-key', 'key'],
      label: 'Z.AI API key',
      envVars: ['ZAI_API_KEY'],
      clear: clearZaiApiKey,
    },
  ],
};

/**
 * `/logout <provider> [api-key|oauth|all]`: removes stored credentials of that provider
 * (all of them by default) and says which, and which env vars would still provide one.
 */
export async function logout(session: Session, args: string[]): Promise<void> {
  const { screen } = session;
  const provider = args[0]?.toLowerCase();
  const which = (args[1] ?? 'all').toLowerCase().replace(/^--/, '');
  if (!provider || !isLoginProvider(provider)) {
    screen.line(`Usage: /logout <${Object.keys(LOGIN_PROVIDERS).join('|')}> [api-key|oauth|all]`);
    return;
  }
  const kinds = KINDS[provider];
  const selected = which === 'all' ? kinds : kinds.filter((kind) => kind.names.includes(which));
  if (selected.length === 0) {
    const names = [...kinds.map((kind) => kind.names[0]), 'all'].join('|');
    screen.line(`Usage: /logout ${provider} [${names}]`);
    return;
  }
  for (const kind of selected) {
    const removed = await kind.clear(storeOptions(session));
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
