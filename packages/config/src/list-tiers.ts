import { type ResolvedAuthMode, resolveAuthMode } from './resolve-auth-mode.js';
import { type FlynnConfig, type ModelConfig, TIER_NAMES } from './schema.js';

/** One configured tier or local provider, with its effective auth mode. */
export interface TierEntry {
  /** `default`, `fast`, `complex`, `local`, or a local provider's `name`. */
  name: string;
  /** Where it sits in the config, for messages: `models.fast`, `models.local_providers[1]`. */
  configPath: string;
  isLocalProvider: boolean;
  model: ModelConfig;
  authMode: ResolvedAuthMode;
}

/** Every configured tier in a stable order: the four tiers, then local providers as listed. */
export function listTiers(config: FlynnConfig): TierEntry[] {
  const entries: TierEntry[] = [];
  for (const name of TIER_NAMES) {
    const model = config.models[name];
    if (model) {
      entries.push({
        name,
        configPath: `models.${name}`,
        isLocalProvider: false,
        model,
        authMode: resolveAuthMode(model),
      });
    }
  }
  config.models.local_providers.forEach((entry, index) => {
    const { name, ...model } = entry;
    entries.push({
      name,
      configPath: `models.local_providers[${index}]`,
      isLocalProvider: true,
      model,
      authMode: resolveAuthMode(model),
    });
  });
  return entries;
}

/** The tier or local provider called `name`, or undefined. */
export function findTier(config: FlynnConfig, name: string): TierEntry | undefined {
  return listTiers(config).find((entry) => entry.name === name);
}

/**
 * The stored profiles a tier names, in the order to try them (`profiles`, or `profile` alone),
 * or `undefined` when it names none and uses `default` (issue 17).
 */
export function tierProfiles(entry: TierEntry): readonly string[] | undefined {
  const { profile, profiles } = entry.model;
  return profiles ?? (profile !== undefined ? [profile] : undefined);
}
