// Starts the TUI on a pty in a private temp home, with a config whose tiers point at
// loopback servers. Nothing here reads the developer's home or env.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTempHome, PtyScreen, type TempHome } from '@flynn/testkit';

/** The built bin; turbo builds it before tests run (`pnpm turbo run build --filter @flynn/tui...`). */
export const TUI_BIN = fileURLToPath(new URL('../dist/bin/flynn-tui.js', import.meta.url));

export interface TierSpec {
  provider: string;
  model: string;
  base_url?: string;
  auth_mode?: string;
  /** Issue 17: the stored profile(s) the tier uses. */
  profile?: string;
  profiles?: string[];
}

/** A `config.yaml` with the given tiers (flow-style YAML, one tier a line). */
export function configYaml(
  tiers: Record<string, TierSpec>,
  localProviders: (TierSpec & { name: string })[] = [],
) {
  const line = (spec: TierSpec & { name?: string }) =>
    `{ ${Object.entries(spec)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(', ')} }`;
  const lines = ['models:'];
  for (const [name, spec] of Object.entries(tiers)) lines.push(`  ${name}: ${line(spec)}`);
  lines.push('  local_providers:');
  if (localProviders.length === 0) lines[lines.length - 1] += ' []';
  for (const spec of localProviders) lines.push(`    - ${line(spec)}`);
  return `${lines.join('\n')}\n`;
}

export interface TuiFixture {
  home: TempHome;
  authFile: string;
  /** Starts the TUI on a pty (or `file` with `args` instead of `node <TUI bin>`, e.g. a shell that runs it). */
  start(args?: string[], extraEnv?: NodeJS.ProcessEnv, file?: string): PtyScreen;
  /** The parsed auth.json (`{}` when there is none). */
  readStore(): Record<string, Record<string, unknown> | undefined>;
  writeStore(data: object): void;
  cleanup(): void;
}

export function createTuiFixture(config: string, extraEnv: NodeJS.ProcessEnv = {}): TuiFixture {
  const home = createTempHome(extraEnv);
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(home.configDir, 'config.yaml'), config);
  const authFile = join(home.configDir, 'auth.json');
  const screens: PtyScreen[] = [];
  return {
    home,
    authFile,
    start(args = [], env = {}, file = undefined) {
      const screen = new PtyScreen({
        file: file ?? process.execPath,
        args: file ? args : [TUI_BIN, ...args],
        env: { TERM: 'xterm-256color', ...home.env, ...env },
        term: 'xterm-256color',
        cols: 120,
        rows: 40,
      });
      screens.push(screen);
      return screen;
    },
    readStore() {
      try {
        return JSON.parse(readFileSync(authFile, 'utf8'));
      } catch {
        return {};
      }
    },
    writeStore(data) {
      writeFileSync(authFile, JSON.stringify({ version: 1, ...data }), { mode: 0o600 });
    },
    cleanup() {
      for (const screen of screens) screen.kill();
      home.cleanup();
    },
  };
}

/**
 * Skips the first-run offer of a tier that has no credential (Enter at its `/login` menu or
 * hidden prompt) and waits for the chat's prompt after it.
 */
export async function skipFirstRun(screen: PtyScreen, tier: string, model: string): Promise<void> {
  await screen.waitFor('now, or press Enter to skip.');
  await screen.waitFor(/Choose 1-\d \(Enter to cancel\): |\(input is hidden\): /);
  const mark = screen.mark();
  screen.write('\r');
  await screen.waitFor('Skipped: /login', { since: mark });
  await screen.waitFor(promptFor(tier, model), { since: mark });
}

/** The TUI's prompt for a tier: `fast (gpt-5-mini) › `. */
export function promptFor(tier: string, model: string): string {
  return `${tier} (${model}) › `;
}

/**
 * A shell command line that runs the TUI, then reports its exit code and the terminal's
 * modes (`stty -a`), then `<label>-done`: run it with `start(['-c', line], {}, '/bin/sh')`.
 */
export function runThenStty(label: string, args = ''): string {
  return `node ${JSON.stringify(TUI_BIN)} ${args}; echo "exit=$?"; stty -a; echo ${label}-done`;
}

/** Whether `stty -a` output in `text` shows a terminal a shell can use: echo and canonical mode on. */
export function saneTerminal(text: string): boolean {
  return /(^|\s)icanon(\s|$)/m.test(text) && /(^|\s)echo(\s|$)/m.test(text);
}

/** The pid of the TUI that the shell started with {@link runThenStty} runs (the shell's child). */
export function tuiPid(screen: PtyScreen): number {
  const [pid] = readFileSync(`/proc/${screen.pid}/task/${screen.pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  if (!pid) throw new Error(`the shell (pid ${screen.pid}) has not started the TUI`);
  return pid;
}
