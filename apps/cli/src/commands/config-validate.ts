import { formatConfigIssue, formatConfigWarning, listTiers, loadConfig } from '@flynn/config';
import { formatHeaderTable } from '@flynn/core';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, eprintln, printJson, println, style } from '../io.js';

export interface ConfigValidateOptions {
  config?: string;
  json?: boolean;
}

/**
 * `flynn config validate`: parses the config (or the shipped defaults when there is
 * no file) and shows every tier with its effective auth mode and where it came from.
 * Exit 0 when valid, 1 when not; problems are one line each, with file:line:col.
 */
export async function configValidate(
  options: ConfigValidateOptions,
  io: CommandIO,
): Promise<number> {
  const result = loadConfig(options.config, { env: io.env });
  const tiers = result.ok ? listTiers(result.config) : [];
  const warnings = result.warnings.map(formatConfigWarning);
  const issues = result.ok ? [] : result.issues.map(formatConfigIssue);

  if (options.json) {
    printJson(io, {
      valid: result.ok,
      path: result.path,
      source: result.source,
      tiers: Object.fromEntries(
        tiers.map((tier) => [
          tier.name,
          {
            provider: tier.model.provider,
            model: tier.model.model,
            auth_mode: tier.authMode.mode,
            auth_mode_origin: tier.authMode.origin,
          },
        ]),
      ),
      warnings,
      issues,
    });
    return result.ok ? EXIT.ok : EXIT.failure;
  }

  if (!result.ok) {
    for (const issue of issues) eprintln(io, `${style(io, 'red', 'error:')} ${issue}`);
    for (const warning of warnings) eprintln(io, `${style(io, 'yellow', 'warning:')} ${warning}`);
    return EXIT.failure;
  }

  const from =
    result.source === 'defaults'
      ? `${result.path} (not found: using the shipped defaults)`
      : result.path;
  println(io, `Config: ${from}`);
  println(io);
  println(
    io,
    formatHeaderTable(
      ['tier', 'provider', 'model', 'auth mode', 'origin'],
      tiers.map((tier) => [
        tier.name,
        tier.model.provider,
        tier.model.model,
        tier.authMode.mode,
        tier.authMode.origin === 'default' ? 'default' : `set by ${tier.authMode.origin}`,
      ]),
    ),
  );
  for (const warning of warnings) eprintln(io, `${style(io, 'yellow', 'warning:')} ${warning}`);
  println(io);
  println(io, style(io, 'green', 'Config is valid.'));
  return EXIT.ok;
}
