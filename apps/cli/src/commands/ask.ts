// `flynn ask`: one streamed answer from one tier. Ctrl-C aborts the request (the
// connection is closed, nothing more is printed) and exits 130. Secrets never reach
// the output: --json carries the resolution's masked fingerprint only.

import { loadConfigOrThrow } from '@flynn/config';
import { sanitizeText } from '@flynn/core';
import { createTierClient, isModelError } from '@flynn/models';
import { lockWaitNotice } from '../credentials/lock-wait-notice.js';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, eprintln, printJson } from '../io.js';

export interface AskOptions {
  /** `--config PATH`. */
  config?: string;
  /** `--tier T`: a tier or local provider name; default `default`. */
  tier?: string;
  /** `--json`: print one object at the end instead of streaming text. */
  json?: boolean;
  /** Cancels the answer; default: aborted by SIGINT (Ctrl-C) while the command runs. */
  signal?: AbortSignal;
}

interface Usage {
  inputTokens?: number;
  outputTokens?: number;
}

/**
 * Streams the answer to `prompt` to stdout as it arrives (or, with `json`, prints
 * `{tier, provider, model, text, usage, credential: {kind, source, location,
 * fingerprint}}` at the end). Exit 0 on a complete answer, 130 when cancelled.
 * Config, credential and provider errors are thrown for the top-level handler,
 * which prints their message and remedy.
 */
export async function ask(prompt: string, options: AskOptions, io: CommandIO): Promise<number> {
  if (options.signal) return answer(prompt, options, options.signal, io);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    return await answer(prompt, options, controller.signal, io);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

async function answer(
  prompt: string,
  options: AskOptions,
  signal: AbortSignal,
  io: CommandIO,
): Promise<number> {
  const { config } = loadConfigOrThrow(options.config, { env: io.env });
  const tier = options.tier ?? 'default';
  const created = await createTierClient({
    config,
    tier,
    env: io.env,
    onLockWait: lockWaitNotice(io),
    signal,
  }).catch((error: unknown) => {
    // Ctrl-C while a command reference ran: it was stopped, and that is a cancel.
    if (signal.aborted) return undefined;
    throw error;
  });
  if (!created) {
    eprintln(io, 'Cancelled.');
    return EXIT.interrupted;
  }
  const { client, resolution } = created;
  let text = '';
  let usage: Usage | null = null;
  try {
    for await (const event of client.stream({
      messages: [{ role: 'user', content: prompt }],
      signal,
    })) {
      if (event.type === 'text') {
        text += event.text;
        if (!options.json) io.stdout.write(sanitizeText(event.text));
      } else if (event.type === 'usage') {
        usage = { inputTokens: event.inputTokens, outputTokens: event.outputTokens };
      }
    }
  } catch (error) {
    if (!isModelError(error, 'MODEL_ABORTED') && !signal.aborted) throw error;
    if (!options.json && text && !text.endsWith('\n')) io.stdout.write('\n');
    eprintln(io, 'Cancelled.');
    return EXIT.interrupted;
  }
  if (options.json) {
    printJson(io, {
      tier,
      provider: client.provider,
      model: client.model,
      text,
      usage,
      credential: {
        kind: resolution.kind,
        source: resolution.source,
        location: resolution.location,
        fingerprint: resolution.fingerprint,
      },
    });
  } else if (!text.endsWith('\n')) {
    io.stdout.write('\n');
  }
  return EXIT.ok;
}
