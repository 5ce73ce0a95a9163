// `flynn status`: the short answer to "am I set up?", like `gh auth status`. One line per
// tier (its provider and model, the credential's kind and source, the masked fingerprint,
// ok or problem), then one line per problem with its fix, within 80 columns (or COLUMNS).
// It is doctor's offline report, summarized: no network, no secret, fingerprints only.
import { renderRemedy } from '@flynn/core';
import { type DoctorReport, runDoctor } from '@flynn/doctor';
import { EXIT } from '../exit-codes.js';
import { fitTable, wrapLine } from '../fit-width.js';
import { type CommandIO, printJson, println, style } from '../io.js';

export interface StatusOptions {
  config?: string;
  json?: boolean;
}

/** The width `status` keeps to: COLUMNS or the terminal's, at most 80. */
const STATUS_WIDTH = 80;

/** A credential kind in the glossary's words (docs/glossary.md). */
export function credentialWords(provider: string, kind: string): string {
  switch (kind) {
    case 'api_key':
      return provider === 'github' ? 'token' : 'API key';
    case 'oauth_tokens':
      return 'ChatGPT login';
    case 'auth_token':
      return 'auth token';
    case 'none':
      return 'none needed';
    default:
      return kind;
  }
}

interface Problem {
  subject: string;
  problem: string;
  fix: string;
}

function problemsOf(report: DoctorReport): Problem[] {
  const problems: Problem[] = [];
  for (const tier of report.tiers) {
    if (tier.status === 'ok') continue;
    problems.push({
      subject: tier.tier,
      problem: tier.message,
      fix: renderRemedy(tier.remedy, 'cli'),
    });
  }
  for (const check of report.checks) {
    if (check.status === 'ok') continue;
    problems.push({
      subject: check.id,
      problem: check.message,
      fix: check.remedy ? renderRemedy(check.remedy, 'cli') : '',
    });
  }
  return problems;
}

/**
 * `flynn status [--json]`. Exit 0 when every tier can authenticate and nothing failed, 1
 * otherwise. `--json`: `{ok, config, tiers: [{tier, provider, model, credential, source,
 * fingerprint, status}], problems: [{subject, problem, fix}]}`.
 */
export async function status(options: StatusOptions, io: CommandIO): Promise<number> {
  const report = await runDoctor({
    configPath: options.config,
    env: io.env,
    configParseCache: io.configParseCache,
  });
  const problems = problemsOf(report);
  if (options.json) {
    printJson(io, {
      ok: report.ok,
      config: report.configPath,
      tiers: report.tiers.map((tier) => ({
        tier: tier.tier,
        provider: tier.provider,
        model: tier.model,
        credential: tier.credential,
        source: tier.source,
        fingerprint: tier.fingerprint,
        status: tier.status === 'ok' ? 'ok' : 'problem',
      })),
      problems,
    });
    return report.ok ? EXIT.ok : EXIT.failure;
  }
  const width = Math.min(io.columns ?? STATUS_WIDTH, STATUS_WIDTH);
  const rows = report.tiers.map((tier) => [
    tier.tier,
    `${tier.provider}/${tier.model}`,
    tier.credential === 'none' && tier.status !== 'ok'
      ? 'missing'
      : credentialWords(tier.provider, tier.credential),
    tier.source === 'none' ? '-' : tier.source,
    tier.fingerprint || '-',
    tier.status === 'ok' ? 'ok' : tier.status === 'warn' ? 'warning' : 'problem',
  ]);
  const table = fitTable(
    ['tier', 'provider/model', 'credential', 'from', 'fingerprint', 'status'],
    rows,
    width,
    ['fingerprint', 'from'],
  );
  for (const line of table.lines) println(io, line);
  if (problems.length > 0) {
    println(io);
    for (const { subject, problem, fix } of problems) {
      for (const line of wrapLine(`${style(io, 'red', '✗')} ${subject}: ${problem}`, width, '    '))
        println(io, line);
      if (fix) for (const line of wrapLine(`  fix: ${fix}`, width, '       ')) println(io, line);
    }
  } else {
    println(io, style(io, 'green', `All ${report.tiers.length} tiers are ready.`));
  }
  return report.ok ? EXIT.ok : EXIT.failure;
}
