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
  const fit = (label: string, path: string, note = '') => {
    const room = screen.columns - label.length - note.length;
    return `${label}${path.length > room ? `…${path.slice(-(room - 1))}` : path}${note}`;
  };
  screen.line(
    fit(
      'config ',
      report.configPath,
      report.configSource === 'defaults' ? ' (not found: defaults)' : '',
    ),
  );
  screen.line(fit('store  ', report.storePath));
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
  // Fits the terminal: the least needed columns go first (mode, source, then model).
  let shown = rows;
  for (const drop of ['MODE', 'SOURCE', 'MODEL']) {
    if (Math.max(...formatTable(shown).map((line) => line.length)) <= screen.columns) break;
    const index = shown[0]?.indexOf(drop) ?? -1;
    if (index !== -1) shown = shown.map((row) => row.filter((_, column) => column !== index));
  }
  const statusColumn = (shown[0]?.length ?? 1) - 1;
  for (const line of formatTable(shown, (cell, column, row) =>
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
