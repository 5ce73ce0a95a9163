import { type AuthStoreData, isFlynnError } from '@flynn/auth-store';
import {
  describeSecretReference,
  isCommandReference,
  SECRET_FIELDS,
  type TierEntry,
} from '@flynn/config';
import { formatTable, sanitizeText } from '@flynn/core';
import { reportError } from '../report-error.js';
import type { Session } from '../session.js';
import { textWidth } from '../terminal/text-width.js';
import { describeResolution, readStore, tierStatus } from '../tier-status.js';

const HEADER = ['', 'TIER', 'PROVIDER', 'MODEL', 'AUTH'];

/**
 * `/model <tier>` switches. `/model` alone on a terminal opens a picker of the tiers and local
 * providers with their credential status (arrow keys and Enter switch, Esc keeps the tier);
 * from a pipe it prints them as a table.
 */
export async function model(session: Session, args: string[]): Promise<void> {
  const { screen } = session;
  const store = await readStore(session).catch((error: unknown) => {
    if (!isFlynnError(error)) throw error;
    reportError(screen, error, session.env);
    return { version: 1 as const };
  });
  const name = args[0];
  if (name) {
    const entry = session.tiers.find((tier) => tier.name === name);
    if (!entry) {
      screen.error(
        `There is no tier or local provider called "${name}".`,
        `Choose one of: ${session.tiers.map((tier) => tier.name).join(', ')}.`,
      );
      return;
    }
    await switchTo(session, entry, store);
    return;
  }
  const rows = await tierRows(session, store);
  if (session.terminal.interactive) {
    await pick(session, rows, store);
    return;
  }
  const table = [HEADER, ...rows.map((row, index) => [current(session, index), ...row])];
  for (const line of formatTable(table, (cell, column, row) =>
    row === 0
      ? screen.style('dim', cell)
      : column === 1 && table[row]?.[0] === '›'
        ? screen.style('cyan', cell)
        : cell,
  )) {
    screen.line(line);
  }
  screen.note('Switch with /model <tier>.');
}

/** Makes `entry` the chat's tier and says which credential it will use, or what is missing. */
async function switchTo(session: Session, entry: TierEntry, store: AuthStoreData): Promise<void> {
  const { screen } = session;
  session.tier = entry;
  screen.line(`Switched to ${entry.name} (${entry.model.provider} ${entry.model.model}).`);
  const status = await tierStatus(session, entry, store);
  if (status.ok) screen.note(describeResolution(status.resolution));
  else screen.warn(`${status.problem} for ${entry.name}. ${status.remedy}.`);
}

function current(session: Session, index: number): string {
  return session.tiers[index]?.name === session.tier.name ? '›' : ' ';
}

/** One row per tier: name, provider, model, credential status (cells sanitized for the screen). */
async function tierRows(session: Session, store: AuthStoreData): Promise<string[][]> {
  // Only the current tier's commands run: another tier's run when it is switched to.
  const statuses = await Promise.all(
    session.tiers.map((entry) =>
      entry.name === session.tier.name || !hasCommandReference(entry)
        ? tierStatus(session, entry, store)
        : undefined,
    ),
  );
  return session.tiers.map((entry, index) => {
    const status = statuses[index];
    return [
      entry.name,
      entry.model.provider,
      entry.model.model,
      !status
        ? `from a command (${commandOrigin(entry)}), run when used`
        : status.ok
          ? describeResolution(status.resolution)
          : `missing: ${status.remedy}`,
    ].map((cell) => sanitizeText(cell, { singleLine: true }));
  });
}

/**
 * The picker: the table with the highlighted row marked `›` (and in reverse video), fitted
 * to the width (PROVIDER goes first, then the AUTH text is cut), starting on the current tier.
 */
async function pick(session: Session, rows: string[][], store: AuthStoreData): Promise<void> {
  const { screen, terminal } = session;
  const start = Math.max(
    0,
    session.tiers.findIndex((entry) => entry.name === session.tier.name),
  );
  const keep = sanitizeText(session.tier.name, { singleLine: true });
  // The `›` cell is one column whichever row is selected, so the whole table is as wide for
  // every selection: measured once, and whether PROVIDER fits depends on the width alone.
  const widest = Math.max(
    ...formatTable([HEADER, ...rows.map((row) => [' ', ...row])]).map((line) => textWidth(line)),
  );
  const chosen = await terminal.select({
    count: rows.length,
    initial: start,
    names: session.tiers.map((entry) => entry.name),
    render: (selected, columns, height) => {
      let table = [HEADER, ...rows.map((row, index) => [index === selected ? '›' : ' ', ...row])];
      if (widest >= columns) table = table.map((row) => row.filter((_, column) => column !== 2));
      // Columns are measured over every row, so they stay put while the window moves.
      const [header = '', ...lines] = formatTable(table, (cell, _column, row) =>
        row === 0 ? screen.style('dim', cell) : cell,
      ).map((line, row) => (row === selected + 1 ? screen.style('reverse', line) : line));
      const hint = `↑/↓ choose · Enter switch · Esc keep ${keep}`;
      // Taller than the screen: a window of rows around the selected one (header and hint
      // stay, one row is left free), and the hint says where in the list it is.
      const room = height === undefined ? lines.length : Math.max(1, height - 3);
      if (lines.length <= room) return [header, ...lines, screen.style('dim', hint)];
      const top = Math.min(Math.max(0, selected - Math.floor(room / 2)), lines.length - room);
      return [
        header,
        ...lines.slice(top, top + room),
        screen.style('dim', `${hint} · ${selected + 1} of ${lines.length}`),
      ];
    },
  });
  const entry = chosen === undefined ? undefined : session.tiers[chosen];
  if (!entry || entry.name === session.tier.name) {
    screen.line(`Kept ${session.tier.name}.`);
    return;
  }
  await switchTo(session, entry, store);
}

function commandField(entry: TierEntry) {
  return SECRET_FIELDS.map((field) => entry.model[field]).find(isCommandReference);
}

function hasCommandReference(entry: TierEntry): boolean {
  return commandField(entry) !== undefined;
}

function commandOrigin(entry: TierEntry): string {
  const reference = commandField(entry);
  return reference ? describeSecretReference(reference) : '';
}
