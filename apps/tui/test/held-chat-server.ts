// An OpenAI-compatible chat-completions server whose streamed answer stops part-way and
// holds until the test says so. Tests of what happens *while* an answer streams (Ctrl-C,
// type-ahead) then depend on the order of events, not on server delays racing a loaded
// machine: the answer cannot finish before the test has acted.
import { type LoopbackServer, openSse, sendJson, startLoopbackServer } from '@flynn/testkit';

export interface HeldChatServerOptions {
  /** The bearer key requests must carry. */
  apiKey: string;
  /** Text deltas sent at once, before the hold. */
  before: string[];
  /** Text deltas sent after `release()`. */
  after: string[];
}

export interface HeldChatServer extends LoopbackServer {
  /** `${url}/v1`, the tier's `base_url`. */
  baseURL: string;
  /** Lets held answers, and every later one, run to the end. */
  release(): void;
  /** Resolves when a client hangs up on an answer that was still held. */
  readonly hungUp: Promise<void>;
}

export async function startHeldChatServer(options: HeldChatServerOptions): Promise<HeldChatServer> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let hangUp!: () => void;
  const hungUp = new Promise<void>((resolve) => {
    hangUp = resolve;
  });
  const server = await startLoopbackServer(async (request, response) => {
    if (request.method !== 'POST' || !request.pathname.endsWith('/chat/completions')) {
      return sendJson(response, 404, { error: { message: `No route ${request.pathname}` } });
    }
    if (request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(response, 401, {
        error: { message: 'Incorrect API key provided.', type: 'invalid_request_error' },
      });
    }
    const model = (request.json as { model?: string } | undefined)?.model ?? 'unknown';
    const created = Math.floor(Date.now() / 1000);
    const chunk = (delta: object, finishReason: string | null = null) => ({
      id: 'chatcmpl-held',
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });
    const closed = new Promise<void>((resolve) => response.once('close', () => resolve()));
    const sse = openSse(response);
    if (!(await sse.send(chunk({ role: 'assistant', content: '' })))) return;
    for (const text of options.before) if (!(await sse.send(chunk({ content: text })))) return;
    await Promise.race([released, closed]);
    if (sse.closed) {
      hangUp();
      return;
    }
    for (const text of options.after) if (!(await sse.send(chunk({ content: text })))) return;
    await sse.send(chunk({}, 'stop'));
    await sse.send('[DONE]');
    sse.end();
  });
  return { ...server, baseURL: `${server.url}/v1`, release, hungUp };
}
