// `flynn config init | set | unset`: the config file from the CLI. Edits keep comments and
// order (@flynn/config's `editConfigText`), are validated before anything is written (an
// invalid result is refused and the file is left as it was), and are written atomically:
// a temporary file in the same directory, flushed, then renamed over the config.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DEFAULT_CONFIG_YAML,
  editConfigText,
  formatConfigIssue,
  resolveConfigPaths,
} from '@flynn/config';
import { UsageError } from '../credentials/credential-errors.js';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, eprintln, printJson, println, style } from '../io.js';

export interface ConfigEditOptions {
  config?: string;
  json?: boolean;
  /** `config init --force`: replace an existing file. */
  force?: boolean;
}

function configFile(options: ConfigEditOptions, io: CommandIO): string {
  return options.config ?? resolveConfigPaths(io.env).configFile;
}

/** Writes `text` to `file` atomically, keeping its mode (new files: 0600, directory 0700). */
function writeAtomically(file: string, text: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let mode = 0o600;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    // a new file
  }
  const temporary = join(dir, `.${Date.now().toString(36)}-${process.pid}.config.tmp`);
  const fd = openSync(temporary, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/**
 * `flynn config init [--force] [--json]`: writes the commented default config to the config
 * path. Exit 0 written, 1 when a file is there and `--force` was not given.
 */
export async function configInit(options: ConfigEditOptions, io: CommandIO): Promise<number> {
  const file = configFile(options, io);
  let exists = false;
  try {
    statSync(file);
    exists = true;
  } catch {
    // nothing there yet
  }
  if (exists && !options.force) {
    if (options.json) printJson(io, { written: false, path: file, reason: 'exists' });
    else {
      eprintln(io, `${style(io, 'red', 'error:')} ${file} already exists; it was not changed.`);
      eprintln(io, 'hint: Run `flynn config init --force` to replace it with the defaults.');
    }
    return EXIT.failure;
  }
  writeAtomically(file, DEFAULT_CONFIG_YAML);
  if (options.json) printJson(io, { written: true, path: file });
  else println(io, `${style(io, 'green', 'Wrote')} the default config to ${file}.`);
  return EXIT.ok;
}

/**
 * `flynn config set <path> <value>` / `flynn config unset <path>` (`value` undefined): edits
 * the config file in place. The file must exist (`flynn config init` writes one). Exit 0
 * changed (or nothing to unset), 1 refused (the result would be invalid; nothing written).
 */
export async function configSet(
  path: string,
  value: string | undefined,
  options: ConfigEditOptions,
  io: CommandIO,
): Promise<number> {
  const file = configFile(options, io);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(
      `There is no config file at ${file} to edit.`,
      'Run `flynn config init` first (it writes the commented defaults)',
    );
  }
  const result = editConfigText(
    text,
    file,
    value === undefined ? { path, unset: true } : { path, value },
  );
  if (!result.ok) {
    if (options.json) {
      printJson(io, { changed: false, path: file, issues: result.issues.map(formatConfigIssue) });
    } else {
      eprintln(
        io,
        `${style(io, 'red', 'error:')} ${value === undefined ? 'unset' : 'set'} ${path} was refused; ${file} was not changed:`,
      );
      for (const issue of result.issues) eprintln(io, `  ${formatConfigIssue(issue)}`);
    }
    return EXIT.failure;
  }
  if (result.changed) writeAtomically(file, result.text);
  if (options.json) printJson(io, { changed: result.changed, path: file });
  else if (!result.changed) println(io, `${path} is not set in ${file}; nothing changed.`);
  else println(io, `${value === undefined ? 'Removed' : 'Set'} ${path} in ${file}.`);
  return EXIT.ok;
}
