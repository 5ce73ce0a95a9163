#!/usr/bin/env node
// `flynn-tui [--tier T] [--config PATH]`: the chat TUI on its own (`flynn chat` runs the same).
import { parseArgs } from 'node:util';
import * as yaml from 'yaml';
import * as zodMini from 'zod/mini';
import { runTui, TUI_EXIT } from './run-tui.js';

// @flynn/config loads yaml and zod/mini lazily through this hook (its lazy-libs.ts); this bin
// bundles both, so it hands over its own copies (they cannot be resolved from dist/bin).
const slots = globalThis as Record<symbol, unknown>;
slots[Symbol.for('flynn.config.module-loader')] ??= (name: string) => {
  if (name === 'yaml') return yaml;
  if (name === 'zod/mini') return zodMini;
  throw new Error(`flynn-tui bundles no copy of ${name}`);
};

const USAGE = `Usage: flynn-tui [--tier <tier>] [--config <path>]

Chat with a Flynn tier in the terminal. Type /help inside for commands.

Options:
  --tier <tier>    tier or local provider to start with (default: default)
  --config <path>  config file to use (default: $FLYNN_CONFIG_DIR/config.yaml)
  -h, --help       show this help
`;

function parse() {
  try {
    return parseArgs({
      options: {
        tier: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return undefined;
  }
}

const values = parse();
if (!values) {
  process.exitCode = TUI_EXIT.usage;
} else if (values.help) {
  process.stdout.write(USAGE);
} else {
  process.exitCode = await runTui({
    env: process.env,
    input: process.stdin,
    output: process.stdout,
    tier: values.tier,
    configPath: values.config,
  });
}
