import type { Env } from '@flynn/auth-store';
import type { FlynnConfig, SecretResolver, TierEntry } from '@flynn/config';
import { sanitizeText } from '@flynn/core';
import type { Screen } from './screen.js';
import type { Terminal } from './terminal/terminal.js';

/** One turn of the conversation, in the shape every model client takes. */
export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

/** Everything a command or a message needs: where to read and write, and the state. */
export interface Session {
  terminal: Terminal;
  screen: Screen;
  env: Env;
  config: FlynnConfig;
  /** The config file read (or looked for). */
  configPath: string;
  /** The credential store, `auth.json` beside the config. */
  storePath: string;
  tiers: TierEntry[];
  /** The tier or local provider messages go to. */
  tier: TierEntry;
  /** The conversation so far (completed turns only). */
  turns: Turn[];
  /**
   * Runs the config's command references and keeps their values for their `ttl_s`, for the
   * whole session: `/model` and every message share its runs.
   */
  secretResolver: SecretResolver;
}

/** The prompt: `fast (gpt-5-mini) › `. */
export function promptText(session: Session): string {
  const { screen, tier } = session;
  // Names from the config are shown, never obeyed.
  const name = sanitizeText(tier.name, { singleLine: true });
  const model = sanitizeText(tier.model.model, { singleLine: true });
  return `${screen.style('cyan', name)} ${screen.style('dim', `(${model})`)} › `;
}
