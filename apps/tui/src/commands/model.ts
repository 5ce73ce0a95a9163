import { isFlynnError } from '@flynn/auth-store';
import {
  describeSecretReference,
  isCommandReference,
  SECRET_FIELDS,
  type TierEntry,
} from '@flynn/config';
import { formatTable } from '@flynn/core';
import { reportError } from '../report-error.js';
import type { Session } from '../session.js';
import { describeResolution, readStore, tierStatus } from '../tier-status.js';

/** `/model`: lists tiers and local providers with their credential status; `/model <tier>` switches. */
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
    session.tier = entry;
    screen.line(`Switched to ${entry.name} (${entry.model.provider} ${entry.model.model}).`);
    const status = await tierStatus(session, entry, store);
    if (status.ok) screen.note(describeResolution(status.resolution));
    else screen.warn(`${status.problem} for ${entry.name}. ${status.remedy}.`);
    return;
  }
  const rows = [['', 'TIER', 'PROVIDER', 'MODEL', 'AUTH']];
  // Only the current tier's commands run: another tier's run when it is switched to.
  const statuses = await Promise.all(
    session.tiers.map((entry) =>
      entry.name === session.tier.name || !hasCommandReference(entry)
        ? tierStatus(session, entry, store)
        : undefined,
    ),
  );
  for (const [index, entry] of session.tiers.entries()) {
    const status = statuses[index];
    rows.push([
      entry.name === session.tier.name ? '›' : ' ',
      entry.name,
      entry.model.provider,
      entry.model.model,
      !status
        ? `from a command (${commandOrigin(entry)}), run when used`
        : status.ok
          ? describeResolution(status.resolution)
          : `missing: ${status.remedy}`,
    ]);
  }
  for (const line of formatTable(rows, (cell, column, row) =>
    row === 0
      ? screen.style('dim', cell)
      : column === 1 && rows[row]?.[0] === '›'
        ? screen.style('cyan', cell)
        : cell,
  )) {
    screen.line(line);
  }
  screen.note('Switch with /model <tier>.');
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
