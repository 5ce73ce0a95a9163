import { resolveConfigPaths } from '@flynn/config';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, printJson, println } from '../io.js';

export interface ConfigPathOptions {
  config?: string;
  json?: boolean;
}

/** `flynn config path`: where the config file and the credential store live. */
export async function configPath(options: ConfigPathOptions, io: CommandIO): Promise<number> {
  const paths = resolveConfigPaths(io.env);
  const configFile = options.config ?? paths.configFile;
  if (options.json) {
    printJson(io, { configDir: paths.dir, configFile, authFile: paths.authFile });
  } else {
    println(io, `config: ${configFile}`);
    println(io, `auth:   ${paths.authFile}`);
  }
  return EXIT.ok;
}
