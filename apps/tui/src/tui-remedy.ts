import type { ProviderId } from '@flynn/config';

// A CLI command with any flags (`flynn openai-key --replace`): `/login` asks before it
// replaces a stored credential, so the flags have no TUI counterpart.
const command = (name: string) => new RegExp(`\`?flynn ${name}(?: --[a-z-]+)*\`?`, 'g');

const CLI_TO_TUI: ReadonlyArray<readonly [RegExp, string]> = [
  [command('openai-(?:key|login)'), '`/login openai`'],
  [command('anthropic-(?:auth|token)'), '`/login anthropic`'],
  [command('zai-key'), '`/login zai`'],
  [command('github-login'), '`/login github`'],
];

/**
 * A remedy written for the CLI (`Run \`flynn openai-login\` again`) with each credential
 * command replaced by the TUI command that does the same (`/login openai`).
 */
export function toTuiRemedy(text: string): string {
  let result = text;
  for (const [pattern, replacement] of CLI_TO_TUI) result = result.replace(pattern, replacement);
  // `flynn anthropic-auth` or `flynn anthropic-token` are both `/login anthropic`.
  return result.replace(/(`\/login [a-z]+`)(?:,? or \1)+/g, '$1');
}

/** Providers `/login` knows, with their names for people. */
export const LOGIN_PROVIDERS = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  github: 'GitHub',
  zai: 'Z.AI',
} as const satisfies Partial<Record<ProviderId, string>>;

export type LoginProvider = keyof typeof LOGIN_PROVIDERS;

export function isLoginProvider(value: string): value is LoginProvider {
  return Object.hasOwn(LOGIN_PROVIDERS, value);
}
