import type { CredentialKind, ProviderId } from './types.js';

/** How to fix a missing credential: commands, env vars, and the TUI command. */
export interface Remedy {
  /** CLI commands, e.g. `flynn openai-key`. */
  commands: string[];
  /** Env vars that would provide it, in the order they are read. */
  envVars: string[];
  /** The TUI command, e.g. `/login openai`. */
  tuiCommand: string;
}

const REMEDIES: Record<string, { command: string; envVars: string[] }> = {
  'openai:api_key': { command: 'flynn openai-key', envVars: ['OPENAI_API_KEY'] },
  'openai:oauth_tokens': { command: 'flynn openai-login', envVars: [] },
  'anthropic:api_key': { command: 'flynn anthropic-auth', envVars: ['ANTHROPIC_API_KEY'] },
  'anthropic:auth_token': { command: 'flynn anthropic-token', envVars: ['ANTHROPIC_AUTH_TOKEN'] },
  'zai:api_key': { command: 'flynn zai-key', envVars: ['ZAI_API_KEY'] },
  'github:api_key': { command: 'flynn github-login', envVars: ['GH_TOKEN', 'GITHUB_TOKEN'] },
};

/** The remedy for `provider` lacking any of `kinds` (in the order they would be tried). */
export function credentialRemedy(provider: ProviderId, kinds: readonly CredentialKind[]): Remedy {
  const remedy: Remedy = { commands: [], envVars: [], tuiCommand: `/login ${provider}` };
  for (const kind of kinds) {
    const entry = REMEDIES[`${provider}:${kind}`];
    if (!entry) continue;
    remedy.commands.push(entry.command);
    remedy.envVars.push(...entry.envVars);
  }
  return remedy;
}

function alternatives(items: readonly string[]): string {
  return items.join(' or ');
}

/**
 * One sentence telling the user what to do: for the CLI, "Run `flynn openai-key` or set
 * OPENAI_API_KEY"; for the TUI, "Run `/login openai`, or set OPENAI_API_KEY and restart Flynn".
 */
export function remedyText(remedy: Remedy, style: 'cli' | 'tui'): string {
  const envPart = remedy.envVars.length > 0 ? `set ${alternatives(remedy.envVars)}` : '';
  if (style === 'tui') {
    const run = `Run \`${remedy.tuiCommand}\``;
    return envPart ? `${run}, or ${envPart} and restart Flynn` : run;
  }
  const commands = remedy.commands.map((command) => `\`${command}\``);
  if (commands.length === 0) return envPart ? `Set ${alternatives(remedy.envVars)}` : '';
  const run = `Run ${alternatives(commands)}`;
  if (!envPart) return run;
  return commands.length > 1 ? `${run}, or ${envPart}` : `${run} or ${envPart}`;
}
