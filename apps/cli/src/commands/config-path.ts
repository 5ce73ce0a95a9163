import { resolveConfigPaths } from '@flynn/config';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, printJson, println } from '../io.js';

export interface ConfigPathOptions {
  config?: string;
  json?: boolean;
}

/**
 * `flynn config path [--json]`: where the config file and the credential store live.
 * `--config` selects the config file only: `auth.json` stays in the Flynn config
 * directory (FLYNN_CONFIG_DIR, XDG_CONFIG_HOME/flynn, ~/.config/flynn). `--json` prints
 * `{config_dir, config_file, auth_file}`.
 */
export async function configPath(options: ConfigPathOptions, io: CommandIO): Promise<number> {
  const paths = resolveConfigPaths(io.env);
  const configFile = options.config ?? paths.configFile;
  if (options.json) {
    printJson(io, { config_dir: paths.dir, config_file: configFile, auth_file: paths.authFile });
  } else {
    println(io, `config: ${configFile}`);
    println(io, `auth:   ${paths.authFile}`);
  }
  return EXIT.ok;
}
