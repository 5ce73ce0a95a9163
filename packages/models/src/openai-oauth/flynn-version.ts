import packageJson from '../../package.json' with { type: 'json' };

/** This package's version, sent as `User-Agent: flynn/<version>` to the Codex backend. */
export const FLYNN_MODELS_VERSION: string = packageJson.version;
