import { basename } from 'node:path';
import { formatTable, renderRemedy } from '@flynn/core';
import type { Screen } from '../screen.js';
import type { Session } from '../session.js';

const KIND_SHORT = { api_key: 'api key', oauth_tokens: 'oauth', auth_token: 'token', none: '-' };

function shortLocation(location: string, storePath: string): string {
  return location.startsWith(`${storePath} `)
    ? `${basename(storePath)} ${location.slice(storePath.length + 1)}`
    : location || '-';
}

function statusCell(screen: Screen, status: 'ok' | 'warn' | 'fail'): string {
  const color = status === 'ok' ? 'green' : status === 'warn' ? 'yellow' : 'red';
  return screen.style(color, status);
}

/**
 * `/status`: doctor's offline report for the current config, one row per tier (mode,
 * credential, source, fingerprint, status), then only the checks that are not ok.
 * Remedies name TUI commands. Loads `@flynn/doctor` on first use.
 */
export async function status(session: Session): Promise<void> {
  const { screen } = session;
  const { runDoctor } = await import('@flynn/doctor');
  const report = await runDoctor({
    configPath: session.configPath,
    env: session.env,
    storePath: session.storePath,
  });
  screen.line(
    `config ${report.configPath}${report.configSource === 'defaults' ? ' (not found: defaults)' : ''}`,
  );
  screen.line(`store  ${report.storePath}`);
  const header = ['', 'TIER', 'MODEL', 'MODE', 'CREDENTIAL', 'SOURCE', 'FINGERPRINT', 'STATUS'];
  const rows = [header];
  for (const tier of report.tiers) {
    rows.push([
      tier.tier === session.tier.name ? '›' : ' ',
      tier.tier,
      `${tier.provider}/${tier.model}`,
      tier.authModeOrigin === 'default'
        ? `${tier.authMode}`
        : `${tier.authMode} (${tier.authModeOrigin})`,
      KIND_SHORT[tier.credential],
      shortLocation(tier.location, report.storePath),
      tier.fingerprint || '-',
      tier.status,
    ]);
  }
  const statusColumn = header.length - 1;
  for (const line of formatTable(rows, (cell, column, row) =>
    row === 0
      ? screen.style('dim', cell)
      : column === statusColumn
        ? statusCell(screen, cell.trim() as 'ok' | 'warn' | 'fail')
        : cell,
  )) {
    screen.line(line);
  }
  for (const tier of report.tiers) {
    const remedy = renderRemedy(tier.remedy, 'tui');
    if (tier.status !== 'ok' && remedy) screen.line(`  ${tier.tier}: ${remedy}`);
  }
  for (const check of report.checks) {
    if (check.status === 'ok') continue;
    const remedy = check.remedy ? ` (${renderRemedy(check.remedy, 'tui')})` : '';
    screen.line(`${statusCell(screen, check.status)} ${check.message}${remedy}`);
  }
  screen.note(report.ok ? 'Every tier can authenticate.' : 'Some tiers cannot authenticate yet.');
}
