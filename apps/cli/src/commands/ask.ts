// `flynn ask`: one streamed answer from one tier. Ctrl-C aborts the request (the
// connection is closed, nothing more is printed) and exits 130. Secrets never reach
// the output: --json carries the resolution's masked fingerprint only. Every wait has a
// limit (--timeout, default 60 s for the first byte and for silence mid-stream) and, on a
// terminal, a progress line on stderr saying what it waits for.

import { loadConfigOrThrow } from '@flynn/config';
import { isFlynnError, renderRemedy, sanitizeText } from '@flynn/core';
import {
  type AnsweredBy,
  createTierClient,
  hostOf,
  isModelError,
  streamWithTimeouts,
} from '@flynn/models';
import { UsageError } from '../credentials/credential-errors.js';
import { lockWaitNotice } from '../credentials/lock-wait-notice.js';
import { EXIT, EXIT_CODE_OF } from '../exit-codes.js';
import { type CommandIO, eprintln, printJson, style } from '../io.js';
import { startProgress } from '../progress.js';
import { readPipedInput } from '../read-piped-input.js';
import { parseTimeoutSeconds } from '../timeout-option.js';

export interface AskOptions {
  /** `--config PATH`. */
  config?: string;
  /** `--tier T`: a tier or local provider name; default `default`. */
  tier?: string;
  /** `--json`: print one object at the end instead of streaming text. */
  json?: boolean;
  /** `--timeout S`: longest wait for the first byte and for silence mid-stream (default 60). */
  timeout?: string;
  /** Cancels the answer; default: aborted by SIGINT (Ctrl-C) while the command runs. */
  signal?: AbortSignal;
}

interface Usage {
  inputTokens?: number;
  outputTokens?: number;
}

/** What `--json` prints, on success and on failure alike (`error` null on success). */
interface AskJson {
  ok: boolean;
  tier: string;
  provider: string | null;
  model: string | null;
  text: string;
  usage: Usage | null;
  credential: {
    kind: string;
    source: string;
    location: string;
    fingerprint: string;
    profile?: string;
  } | null;
  error: { code: string; message: string; hint: string | null } | null;
}

/**
 * Streams the answer to `prompt` to stdout as it arrives (or, with `json`, prints
 * {@link AskJson} at the end). `prompt` is the joined arguments; `-` or none reads the
 * question from stdin, and text piped beside a prompt is sent after it. Exit 0 on a
 * complete answer, 2 for no question at all, 130 when cancelled. Without `json`, config,
 * credential and provider errors are thrown for the top-level handler; with `json` they
 * are printed as JSON on stdout, with the handler's exit code.
 */
export async function ask(
  prompt: string | undefined,
  options: AskOptions,
  io: CommandIO,
): Promise<number> {
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

/** The question: the prompt, then piped text (or piped text alone for `-` / no prompt). */
async function question(
  prompt: string | undefined,
  io: CommandIO,
  signal: AbortSignal,
): Promise<string> {
  const fromStdin = prompt === undefined || prompt.trim() === '-';
  const piped = await readPipedInput(io, { required: fromStdin, signal });
  if (piped.kind === 'silent') {
    eprintln(
      io,
      `Nothing arrived on stdin within ${piped.waitedMs / 1000} s; asking without it (\`flynn ask -\` waits for stdin).`,
    );
  }
  const text = piped.kind === 'text' ? piped.text : '';
  const asked = fromStdin ? text : text.trim() === '' ? prompt : `${prompt}\n\n${text}`;
  if (asked.trim() === '') {
    throw new UsageError(
      fromStdin ? 'No question: stdin was empty.' : 'No question: the prompt is empty.',
      'Give a prompt (`flynn ask "why is the sky blue"`) or pipe text in (`cat notes.txt | flynn ask "summarize"`); see `flynn ask --help`',
    );
  }
  return asked;
}

async function answer(
  prompt: string | undefined,
  options: AskOptions,
  signal: AbortSignal,
  io: CommandIO,
): Promise<number> {
  const tier = options.tier ?? 'default';
  const json: AskJson = {
    ok: false,
    tier,
    provider: null,
    model: null,
    text: '',
    usage: null,
    credential: null,
    error: null,
  };
  try {
    return await streamAnswer(prompt, options, signal, io, json);
  } catch (error) {
    if (!options.json || !isFlynnError(error)) throw error;
    const hint = renderRemedy(error.remedy, 'cli');
    printJson(io, {
      ...json,
      ok: false,
      error: { code: error.code, message: error.message, hint: hint || null },
    });
    return EXIT_CODE_OF[error.code];
  }
}

async function streamAnswer(
  prompt: string | undefined,
  options: AskOptions,
  signal: AbortSignal,
  io: CommandIO,
  json: AskJson,
): Promise<number> {
  const timeoutMs = parseTimeoutSeconds(options.timeout);
  const asked = await question(prompt, io, signal);
  const { config } = loadConfigOrThrow(options.config, {
    env: io.env,
    strictKeys: true,
    parseCache: io.configParseCache,
  });
  const created = await createTierClient({
    config,
    tier: json.tier,
    env: io.env,
    onLockWait: lockWaitNotice(io, { quiet: options.json }),
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
  json.provider = client.provider;
  json.model = client.model;
  json.credential = {
    kind: resolution.kind,
    source: resolution.source,
    location: resolution.location,
    fingerprint: resolution.fingerprint,
  };
  const progress = startProgress(io, `Waiting for ${client.model} at ${hostOf(client.baseURL)}…`, {
    quiet: options.json,
  });
  try {
    for await (const event of streamWithTimeouts(
      client,
      { messages: [{ role: 'user', content: asked }], signal },
      timeoutMs === undefined ? {} : { firstByteMs: timeoutMs, silenceMs: timeoutMs },
    )) {
      if (event.type === 'text') {
        progress.stop();
        json.text += event.text;
        if (!options.json) io.stdout.write(sanitizeText(event.text));
      } else if (event.type === 'usage') {
        json.usage = { inputTokens: event.inputTokens, outputTokens: event.outputTokens };
      }
    }
  } catch (error) {
    progress.stop();
    if (!isModelError(error, 'MODEL_ABORTED') && !signal.aborted) {
      if (!options.json && json.text && !json.text.endsWith('\n')) io.stdout.write('\n');
      throw error;
    }
    if (!options.json && json.text && !json.text.endsWith('\n')) io.stdout.write('\n');
    eprintln(io, 'Cancelled.');
    return EXIT.interrupted;
  } finally {
    progress.stop();
  }
  const answered = created.answered?.();
  const used = answered?.resolution ?? resolution;
  if (options.json) {
    json.credential = {
      kind: used.kind,
      source: used.source,
      location: used.location,
      fingerprint: used.fingerprint,
      ...(used.profile ? { profile: used.profile } : {}),
    };
    printJson(io, {
      ...json,
      ok: true,
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
    if (!json.text.endsWith('\n')) io.stdout.write('\n');
    if (answered && !answered.first)
      eprintln(io, style(io, 'dim', answeredLine(json.tier, answered)));
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
