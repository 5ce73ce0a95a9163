import { DEFAULT_PROFILE, formatTime, renderRemedy } from '@flynn/core';
import {
  type CheckStatus,
  type DoctorReport,
  doctorReportToJson,
  runDoctor,
  shortLocation,
} from '@flynn/doctor';
import { UsageError } from '../credentials/credential-errors.js';
import { EXIT } from '../exit-codes.js';
import { fitTable, wrapLine } from '../fit-width.js';
import { type CommandIO, printJson, println as printLine, style } from '../io.js';
import { withProgress } from '../progress.js';
import { markPhase } from '../timing.js';

export interface DoctorOptions {
  config?: string;
  json?: boolean;
  online?: boolean;
  /** `--timeout <seconds>` of each online call (default 5). */
  timeout?: string;
  /** `--check`: exit 3 when a credential a tier uses expires within 7 days. */
  check?: boolean;
}

/**
 * `flynn doctor [--json] [--online] [--check]`: per tier, which credential wins and why; the presence
 * of every credential source; the config and store file checks. Shows fingerprints, never
 * values. Exit 0 when every tier can authenticate and no check failed, 1 otherwise; with
 * `check`, 3 when otherwise fine but a credential a tier uses expires within 7 days.
 */
export async function doctor(options: DoctorOptions, io: CommandIO): Promise<number> {
  const timeoutSeconds = options.timeout === undefined ? undefined : Number(options.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
    throw new UsageError('--timeout must be a positive number of seconds');
  }
  markPhase('doctor loaded');
  const check = () =>
    runDoctor({
      configPath: options.config,
      env: io.env,
      configParseCache: io.configParseCache,
      online: options.online,
      timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    });
  // --online waits on the network: a progress line on a terminal (never with --json or in a pipe).
  const report = options.online
    ? await withProgress(io, 'Checking each tier online (one authenticated call each)…', check, {
        quiet: options.json,
      })
    : await check();
  markPhase('doctor checks done');
  if (options.json) printJson(io, doctorReportToJson(report));
  else printReport(report, io);
  markPhase('report printed');
  // Offline, doctor only read and printed: nothing of it is still running.
  if (!options.online) io.leavesNothingRunning?.();
  if (!report.ok) return EXIT.failure;
  const expiring = report.checks.some((check) => check.id === 'credential-expiry');
  return options.check && expiring ? EXIT.expiring : EXIT.ok;
}

const STATUS_STYLE = { ok: 'green', warn: 'yellow', fail: 'red' } as const;

/** Colors the status cells of a formatted table (cells are padded before styling). */
function colorStatus(table: string, header: string, io: CommandIO): string {
  if (!io.color) return table;
  const [head = '', ...rows] = table.split('\n');
  const column = head.indexOf(header);
  const colored = rows.map((line) => {
    const cell = /^(ok|warn|fail)\b/.exec(line.slice(column))?.[1] as CheckStatus | undefined;
    if (!cell) return line;
    const styled = style(io, STATUS_STYLE[cell], cell);
    return line.slice(0, column) + styled + line.slice(column + cell.length);
  });
  return [style(io, 'bold', head), ...colored].join('\n');
}

function printReport(report: DoctorReport, io: CommandIO): void {
  const width = io.columns;
  // Plain lines wrap at word boundaries, continuing under their first word.
  const println = (target: CommandIO, text = '', indent = '    ') => {
    for (const line of wrapLine(text, width, indent)) printLine(target, line);
  };
  const short = (location: string) => shortLocation(location, report.storePath) || '-';
  const from = report.configSource === 'defaults' ? ' (not found: using the shipped defaults)' : '';
  println(io, `Config: ${report.configPath}${from}`);
  println(io, `Store:  ${report.storePath}`);
  if (report.credentialStore) {
    const { backend, reason } = report.credentialStore;
    println(io, `Credentials: ${backend === 'keyring' ? 'keyring' : 'auth.json'} (${reason})`);
  }

  const named = Object.entries(report.profiles ?? {}).filter(
    ([, profiles]) =>
      profiles.length > 1 || (profiles.length === 1 && profiles[0] !== DEFAULT_PROFILE),
  );
  if (named.length > 0) {
    const listed = named.map(([provider, profiles]) => `${provider}: ${profiles.join(', ')}`);
    println(io, `Profiles: ${listed.join('; ')}`);
  }

  println(io);
  println(io, style(io, 'bold', 'Tiers'));
  if (report.tiers.length === 0) {
    println(io, '  (none: the config could not be used, see the checks below)');
  } else {
    const online = report.tiers.some((tier) => tier.online);
    const headers = [
      'tier',
      'provider',
      'model',
      'auth mode',
      'credential',
      'source',
      'fingerprint',
      'status',
      ...(online ? ['online'] : []),
      'remedy',
    ];
    const rows = report.tiers.map((tier) => [
      tier.tier,
      tier.provider,
      tier.model,
      `${tier.authMode} (${tier.authModeOrigin})`,
      tier.credential,
      tier.source === 'none' ? '-' : `${tier.source}: ${short(tier.location)}`,
      tier.fingerprint || '-',
      tier.status,
      ...(online ? [tier.online ? tier.online.status : '-'] : []),
      renderRemedy(tier.remedy, 'cli') || '-',
    ]);
    // Narrow terminals lose the remedy column first (it follows each tier below), then the
    // columns the lines below repeat.
    const table = fitTable(headers, rows, width, [
      'remedy',
      'auth mode',
      'fingerprint',
      'source',
      'model',
    ]);
    printLine(io, colorStatus(table.lines.join('\n'), 'STATUS', io));
    println(io);
    for (const tier of report.tiers) {
      println(io, `  ${tier.tier}: ${tier.message}`);
      const remedy = renderRemedy(tier.remedy, 'cli');
      if (!table.kept.includes('remedy') && remedy) println(io, `  ${tier.tier} fix: ${remedy}`);
      const list = tier.credentials ?? [];
      if (list.length > 1 || list.some((entry) => entry.cooldown || entry.profile)) {
        const shown = list.map((entry, index) => {
          const name = entry.profile ? `profile ${entry.profile}` : short(entry.location);
          const cooling = entry.cooldown
            ? entry.cooldown.until === undefined
              ? ', rejected: set aside until replaced'
              : `, ${entry.cooldown.reason === 'rate_limited' ? 'rate-limited' : 'rejected'}: cooling down until ${formatTime(entry.cooldown.until)}`
            : '';
          return `${index + 1}. ${name} ${entry.fingerprint}${cooling}`;
        });
        println(io, `  ${tier.tier} tries: ${shown.join('; ')}`);
      }
      if (tier.online && tier.online.status !== 'skipped') {
        const took = tier.online.durationMs ? ` (${tier.online.durationMs} ms)` : '';
        println(io, `  ${tier.tier} online: ${tier.online.message}${took}`);
      }
    }
  }

  if (report.presence.length > 0) {
    println(io);
    println(io, style(io, 'bold', 'Credential sources'));
    const rows = report.presence.map((row) => [
      row.provider,
      row.kind,
      row.source,
      short(row.location),
      row.invalid ? 'invalid' : row.present ? 'present' : 'absent',
      row.fingerprint || '-',
    ]);
    printLine(
      io,
      fitTable(
        ['provider', 'credential', 'source', 'location', 'present', 'fingerprint'],
        rows,
        width,
        ['fingerprint', 'location'],
      ).lines.join('\n'),
    );
  }

  println(io);
  println(io, style(io, 'bold', 'Checks'));
  const checkRows = report.checks.map((check) => [
    check.status,
    check.id,
    check.remedy ? `${check.message} (${renderRemedy(check.remedy, 'cli')})` : check.message,
  ]);
  printLine(
    io,
    colorStatus(
      fitTable(['status', 'check', 'message'], checkRows, width).lines.join('\n'),
      'STATUS',
      io,
    ),
  );

  println(io);
  println(io, summary(report, io));
}

function summary(report: DoctorReport, io: CommandIO): string {
  const failingTiers = report.tiers.filter((tier) => tier.status === 'fail').length;
  const failingChecks = report.checks.filter((check) => check.status === 'fail').length;
  const warnings = report.checks.filter((check) => check.status === 'warn').length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const warned = warnings ? ` (${plural(warnings, 'warning')})` : '';
  if (report.ok) {
    return style(
      io,
      'green',
      `OK: all ${plural(report.tiers.length, 'tier')} can authenticate${warned}.`,
    );
  }
  const parts = [
    failingTiers
      ? `${failingTiers} of ${plural(report.tiers.length, 'tier')} cannot authenticate`
      : '',
    failingChecks ? `${plural(failingChecks, 'check')} failed` : '',
  ].filter(Boolean);
  return style(io, 'red', `Problems found: ${parts.join(', ')}${warned}. See the remedies above.`);
}
