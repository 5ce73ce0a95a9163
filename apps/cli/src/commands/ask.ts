// `flynn ask`: one streamed answer from one tier. Ctrl-C aborts the request (the
// connection is closed, nothing more is printed) and exits 130. Secrets never reach
// the output: --json carries the resolution's masked fingerprint only.

import { loadConfigOrThrow } from '@flynn/config';
import { sanitizeText } from '@flynn/core';
import { type AnsweredBy, createTierClient, isModelError } from '@flynn/models';
import { lockWaitNotice } from '../credentials/lock-wait-notice.js';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, eprintln, printJson, style } from '../io.js';

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
  const answered = created.answered?.();
  const used = answered?.resolution ?? resolution;
  if (options.json) {
    printJson(io, {
      tier,
      provider: client.provider,
      model: client.model,
      text,
      usage,
      credential: {
        kind: used.kind,
        source: used.source,
        location: used.location,
        fingerprint: used.fingerprint,
        ...(used.profile ? { profile: used.profile } : {}),
      },
      ...(answered && !answered.first
        ? {
            answered_by: {
              tier: answered.tier,
              credential: answered.credential,
              refused: answered.refused,
            },
          }
        : {}),
    });
  } else {
    if (!text.endsWith('\n')) io.stdout.write('\n');
    if (answered && !answered.first) eprintln(io, style(io, 'dim', answeredLine(tier, answered)));
  }
  return EXIT.ok;
}

const REASONS: Record<AnsweredBy['refused'][number]['reason'], string> = {
  rate_limited: 'rate-limited',
  rejected: 'rejected',
  cooling_down: 'cooling down',
  unreachable: 'unreachable',
};

/** `(answered by profile personal; profile work: rate-limited)`, or by another tier. */
export function answeredLine(tier: string, answered: AnsweredBy): string {
  const by =
    answered.tier === tier ? answered.credential : `tier ${answered.tier} (${answered.credential})`;
  const why = answered.refused
    .map(
      (refusal) =>
        `${refusal.tier === tier ? '' : `tier ${refusal.tier} `}${refusal.credential}: ${REASONS[refusal.reason]}`,
    )
    .join(', ');
  return `(answered by ${by}; ${why})`;
}
