// `flynn status`: the short answer to "am I set up?", like `gh auth status`. One line per
// tier (its provider and model, the credential's kind and source, the masked fingerprint,
// ok or problem), then one line per problem with its fix, within 80 columns (or COLUMNS).
// It is doctor's offline report, summarized: no network, no secret, fingerprints only.
import { formatTime, renderRemedy } from '@flynn/core';
import { type DoctorReport, EXPIRY_WARNING_MS, runDoctor, type TierReport } from '@flynn/doctor';
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

/** The first time a credential of `tier` expires within the warning window (7 days), if any. */
function expiringAt(tier: TierReport, now: number): number | undefined {
  const times = (tier.credentials ?? [])
    .map((credential) => credential.expiresAt)
    .filter((at): at is number => at !== undefined && at - now <= EXPIRY_WARNING_MS);
  return times.length > 0 ? Math.min(...times) : undefined;
}

/** ISO 8601, or `null` when not known. */
function isoOrNull(epochMs: number | undefined): string | null {
  return epochMs === undefined ? null : new Date(epochMs).toISOString();
}

interface Problem {
  subject: string;
  problem: string;
  fix: string;
  /** `warn`: worth knowing, nothing fails yet (an expiry ahead); `fail`: something fails now. */
  severity: 'warn' | 'fail';
}

/** `ok`, `warning`, `problem`; or `expires 2026-12-09` when a credential expires within 7 days. */
function statusWord(tier: TierReport, now: number): string {
  if (tier.status === 'fail') return 'problem';
  const expiresAt = expiringAt(tier, now);
  if (expiresAt !== undefined) {
    return `${expiresAt <= now ? 'expired' : 'expires'} ${formatTime(expiresAt).slice(0, 10)}`;
  }
  return tier.status === 'ok' ? 'ok' : 'warning';
}

function problemsOf(report: DoctorReport): Problem[] {
  const problems: Problem[] = [];
  for (const tier of report.tiers) {
    if (tier.status === 'ok') continue;
    problems.push({
      subject: tier.tier,
      problem: tier.message,
      fix: renderRemedy(tier.remedy, 'cli'),
      severity: tier.status === 'warn' ? 'warn' : 'fail',
    });
  }
  for (const check of report.checks) {
    if (check.status === 'ok') continue;
    problems.push({
      subject: check.id,
      problem: check.message,
      fix: check.remedy ? renderRemedy(check.remedy, 'cli') : '',
      severity: check.status === 'warn' ? 'warn' : 'fail',
    });
  }
  return problems;
}

/**
 * `flynn status [--json]`. Exit 0 when every tier can authenticate and nothing failed, 1
 * otherwise. A tier whose credential expires within 7 days (or has expired) says
 * `expires <date>` in its status column; the `credential-expiry` problem line says which
 * credential and the fix. `--json`: `{ok, config, tiers: [{tier, provider, model, credential,
 * source, fingerprint, status, expires_at, credentials: [{profile?, source, fingerprint,
 * expires_at}]}], problems: [{subject, problem, fix, severity}]}` (`expires_at`: ISO 8601 or
 * null; `severity`: `warn` for what fails nothing yet, shown with `!`, else `fail`, `✗`).
 */
export async function status(options: StatusOptions, io: CommandIO): Promise<number> {
  const report = await runDoctor({
    configPath: options.config,
    env: io.env,
    configParseCache: io.configParseCache,
  });
  const problems = problemsOf(report);
  const now = Date.now();
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
        // The credential the tier uses first, and every one it may use (issue 17).
        expires_at: isoOrNull(tier.credentials?.[0]?.expiresAt),
        credentials: (tier.credentials ?? []).map((credential) => ({
          ...(credential.profile ? { profile: credential.profile } : {}),
          source: credential.source,
          fingerprint: credential.fingerprint,
          expires_at: isoOrNull(credential.expiresAt),
        })),
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
    statusWord(tier, now),
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
    for (const { subject, problem, fix, severity } of problems) {
      const mark = severity === 'warn' ? style(io, 'yellow', '!') : style(io, 'red', '✗');
      for (const line of wrapLine(`${mark} ${subject}: ${problem}`, width, '    '))
        println(io, line);
      if (fix) for (const line of wrapLine(`  fix: ${fix}`, width, '       ')) println(io, line);
    }
  } else {
    println(io, style(io, 'green', `All ${report.tiers.length} tiers are ready.`));
  }
  return report.ok ? EXIT.ok : EXIT.failure;
}
