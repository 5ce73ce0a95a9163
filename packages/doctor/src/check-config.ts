import {
  formatConfigIssue,
  formatConfigWarning,
  type LoadConfigResult,
  type TierEntry,
} from '@flynn/config';
import type { Check } from './types.js';

function label(tier: TierEntry): string {
  return `${tier.isLocalProvider ? 'local provider' : 'tier'} "${tier.name}" (${tier.configPath})`;
}

/** True for the config layer's own `auth_mode`/`use_oauth` warning, which doctor words itself. */
function isConflictWarning(warning: { tier?: string; message: string }): boolean {
  return warning.tier !== undefined && warning.message.includes('use_oauth');
}

/**
 * The `config` check (parsed, shipped defaults, or one `fail` per problem with
 * `file:line:col`) and a `config-warning` for each other warning (unknown keys).
 */
export function checkConfigLoad(result: LoadConfigResult, tierCount: number): Check[] {
  if (!result.ok) {
    return result.issues.map((issue) => ({
      id: 'config',
      status: 'fail' as const,
      message: formatConfigIssue(issue),
    }));
  }
  const checks: Check[] = [
    {
      id: 'config',
      status: 'ok',
      message:
        result.source === 'defaults'
          ? `${result.path} not found: using the shipped defaults (${tierCount} tiers)`
          : `${result.path}: valid (${tierCount} tiers)`,
    },
  ];
  for (const warning of result.warnings) {
    if (isConflictWarning(warning)) continue;
    checks.push({ id: 'config-warning', status: 'warn', message: formatConfigWarning(warning) });
  }
  return checks;
}

/**
 * One `auth-mode-conflict` warning per tier whose `auth_mode` disagrees with its
 * deprecated `use_oauth`: `auth_mode` wins, and the warning names the tier and the fix.
 */
export function checkAuthModeConflicts(tiers: readonly TierEntry[]): Check[] {
  const checks: Check[] = [];
  for (const tier of tiers) {
    const { auth_mode: authMode, use_oauth: useOAuth } = tier.model;
    if (authMode === undefined || useOAuth === undefined) continue;
    const disagrees = useOAuth ? authMode !== 'oauth' : authMode === 'oauth';
    if (!disagrees) continue;
    checks.push({
      id: 'auth-mode-conflict',
      status: 'warn',
      message:
        `${label(tier)}: auth_mode: ${authMode} overrides use_oauth: ${useOAuth}; ` +
        `remove use_oauth from ${tier.configPath}`,
    });
  }
  return checks;
}
