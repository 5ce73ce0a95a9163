// The OpenAI Responses API stream, shared by the OpenAI API server (`/v1/responses`)
// and the ChatGPT Codex backend (`/backend-api/codex/responses`), which speak the same
// typed events: response.created ... response.completed | response.failed.
import type { SseWriter } from './loopback-server.js';
import {
  asksForWeather,
  chunkText,
  contentText,
  countTokens,
  isRecord,
  randomId,
  TOOL_CALL_ARGUMENTS,
} from './stream-options.js';

/** What one Responses answer will contain. */
export interface ResponsesPlan {
  model: string;
  text: string;
  chunkSize?: number;
  inputTokens: number;
  /** Answer with this function call instead of text. */
  toolCall?: { name: string; arguments: string };
  /** Emit `response.failed` with this error right after `response.in_progress`. */
  failWith?: { code: string; message?: string };
  /** End the stream after the text deltas, before `response.output_item.done`. */
  truncate?: boolean;
}

const FAILURE_MESSAGES: Record<string, string> = {
  rate_limit_exceeded: 'Rate limit reached. Please try again later.',
  usage_not_included: 'Your plan does not include this model.',
  context_length_exceeded: 'Your input exceeds the context window of this model.',
};

/** Reads a Responses request body into a plan (tool call when tools + "weather"). */
export function planFromResponsesRequest(
  body: Record<string, unknown>,
  text: string,
  chunkSize: number | undefined,
): ResponsesPlan {
  const items: Record<string, unknown>[] =
    typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : [];
  if (Array.isArray(body.input)) items.push(...body.input.filter(isRecord));
  const last = items.at(-1);
  const lastUserText =
    last && last.role === 'user' && last.type !== 'function_call_output'
      ? contentText(last.content)
      : '';
  const allText = [
    typeof body.instructions === 'string' ? body.instructions : '',
    ...items.map((item) => contentText(item.content)),
  ].join('\n');
  const tool = Array.isArray(body.tools) ? body.tools.find(isRecord) : undefined;
  const toolName = tool && typeof tool.name === 'string' ? tool.name : undefined;
  return {
    model: typeof body.model === 'string' ? body.model : 'unknown-model',
    text,
    chunkSize,
    inputTokens: countTokens(allText),
    toolCall:
      toolName && asksForWeather(lastUserText)
        ? { name: toolName, arguments: TOOL_CALL_ARGUMENTS }
        : undefined,
  };
}

interface Ids {
  response: string;
  item: string;
  call: string;
  createdAt: number;
}

function newIds(): Ids {
  return {
    response: randomId('resp_'),
    item: randomId('msg_'),
    call: randomId('call_'),
    createdAt: Math.floor(Date.now() / 1000),
  };
}

function responseObject(plan: ResponsesPlan, ids: Ids, status: string, extra = {}) {
  return {
    id: ids.response,
    object: 'response',
    created_at: ids.createdAt,
    status,
    error: null,
    incomplete_details: null,
    model: plan.model,
    output: [] as unknown[],
    usage: null as unknown,
    ...extra,
  };
}

function outputItem(plan: ResponsesPlan, ids: Ids, done: boolean) {
  const status = done ? 'completed' : 'in_progress';
  if (plan.toolCall) {
    return {
      id: ids.item.replace('msg_', 'fc_'),
      type: 'function_call',
      status,
      call_id: ids.call,
      name: plan.toolCall.name,
      arguments: done ? plan.toolCall.arguments : '',
    };
  }
  return {
    id: ids.item,
    type: 'message',
    status,
    role: 'assistant',
    content: done ? [{ type: 'output_text', annotations: [], text: plan.text }] : [],
  };
}

function usage(plan: ResponsesPlan) {
  const output = countTokens(plan.toolCall ? plan.toolCall.arguments : plan.text);
  return {
    input_tokens: plan.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: plan.inputTokens + output,
  };
}

/** The finished response object, as `response.completed` carries it and non-stream returns. */
export function completedResponse(plan: ResponsesPlan, ids: Ids = newIds()) {
  return responseObject(plan, ids, 'completed', {
    output: [outputItem(plan, ids, true)],
    usage: usage(plan),
  });
}

/** Writes the whole event sequence for `plan`, then ends the stream. */
export async function writeResponsesStream(sse: SseWriter, plan: ResponsesPlan): Promise<void> {
  const ids = newIds();
  let sequence = 0;
  const emit = (type: string, fields: Record<string, unknown>) =>
    sse.send({ type, sequence_number: sequence++, ...fields }, type);

  await emit('response.created', { response: responseObject(plan, ids, 'in_progress') });
  await emit('response.in_progress', { response: responseObject(plan, ids, 'in_progress') });
  if (plan.failWith) {
    const { code } = plan.failWith;
    const message = plan.failWith.message ?? FAILURE_MESSAGES[code] ?? `Request failed: ${code}`;
    await emit('response.failed', {
      response: responseObject(plan, ids, 'failed', { error: { code, message } }),
    });
    sse.end();
    return;
  }
  const item = outputItem(plan, ids, false);
  const position = { item_id: item.id, output_index: 0 };
  await emit('response.output_item.added', { output_index: 0, item });
  if (plan.toolCall) {
    for (const delta of chunkText(plan.toolCall.arguments, plan.chunkSize)) {
      if (!(await emit('response.function_call_arguments.delta', { ...position, delta }))) return;
    }
    if (plan.truncate) return sse.end();
    await emit('response.function_call_arguments.done', {
      ...position,
      arguments: plan.toolCall.arguments,
    });
  } else {
    const part = { ...position, content_index: 0 };
    await emit('response.content_part.added', {
      ...part,
      part: { type: 'output_text', annotations: [], text: '' },
    });
    for (const delta of chunkText(plan.text, plan.chunkSize)) {
      if (!(await emit('response.output_text.delta', { ...part, delta, logprobs: [] }))) return;
    }
    if (plan.truncate) return sse.end();
    await emit('response.output_text.done', { ...part, text: plan.text, logprobs: [] });
    await emit('response.content_part.done', {
      ...part,
      part: { type: 'output_text', annotations: [], text: plan.text },
    });
  }
  await emit('response.output_item.done', { output_index: 0, item: outputItem(plan, ids, true) });
  await emit('response.completed', { response: completedResponse(plan, ids) });
  sse.end();
}
