import { credentialStoreSetting, migrateCredentialStore } from '@flynn/auth-store';
import { cliStoreOptions } from '../credentials/store-options.js';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, eprintln, printJson, println } from '../io.js';

export interface StoreMigrateOptions {
  config?: string;
  to: 'keyring' | 'file';
  json?: boolean;
}

/**
 * `flynn store migrate --to keyring|file [--json]`: moves every stored credential to the
 * other backend (see `migrateCredentialStore`: written, read back and compared, the old copy
 * removed last; a rerun finishes an interrupted run). Says when the setting in force would
 * put new credentials in the other backend. `--json` prints `{to, path, entries, orphans_removed,
 * setting}`; entries are `{key, location, moved}`, never a value.
 */
export async function storeMigrate(options: StoreMigrateOptions, io: CommandIO): Promise<number> {
  const storeOptions = cliStoreOptions(io, options.config, undefined, options.json);
  const report = await migrateCredentialStore(options.to, storeOptions);
  const { setting, origin } = credentialStoreSetting(storeOptions);
  const where = origin === 'env' ? 'FLYNN_CREDENTIAL_STORE' : 'credential_store';
  const conflict =
    setting !== 'auto' && setting !== options.to
      ? `${where} is ${setting}, so new credentials will still go to ${setting === 'file' ? 'auth.json' : 'the keyring'}; set it to ${options.to} (or auto) to keep them together.`
      : undefined;
  if (options.json) {
    printJson(io, {
      to: report.to,
      path: report.path,
      entries: report.entries,
      orphans_removed: report.orphansRemoved,
      setting: { value: setting, origin },
      ...(conflict ? { warnings: [conflict] } : {}),
    });
    return EXIT.ok;
  }
  const target = options.to === 'keyring' ? 'the keyring' : report.path;
  if (report.entries.length === 0) {
    println(io, `Nothing is stored in ${report.path}; nothing to move.`);
  } else {
    const moved = report.entries.filter((entry) => entry.moved);
    println(
      io,
      moved.length === 0
        ? `Every stored credential is already in ${target}.`
        : `Moved ${moved.length} of ${report.entries.length} stored ${report.entries.length === 1 ? 'entry' : 'entries'} to ${target}:`,
    );
    for (const entry of report.entries) {
      println(io, `  ${entry.key}: ${entry.location}${entry.moved ? '' : ' (already there)'}`);
    }
  }
  if (report.orphansRemoved > 0) {
    println(
      io,
      `Removed ${report.orphansRemoved} stray keyring ${report.orphansRemoved === 1 ? 'entry' : 'entries'} of this store.`,
    );
  }
  if (conflict) eprintln(io, `warning: ${conflict}`);
  return EXIT.ok;
}
