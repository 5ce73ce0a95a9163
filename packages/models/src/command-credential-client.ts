/**
 * A tier client whose credential comes from a command reference (`{ command }` / `{ shell }`)
 * and so can change while the process runs. Before each call it asks for the current value
 * (the resolver's cache answers until `ttl_s` has passed) and rebuilds the provider client
 * when it changed. When the provider rejects the value (401/403) before anything was
 * shown, the command is run once more and, if that gave another value, the call is made
 * once more; a second rejection (or the same value) is the error.
 */
import { isModelError } from './model-error.js';
import type { ChatRequest, ModelClient, StreamEvent } from './types.js';

/** The client for the value the command gives now; with `rerun`, after running it again. */
export type CommandCredentialSource = (
  rerun: boolean,
) => Promise<{ value: string; client: () => ModelClient }>;

function rejected(error: unknown): boolean {
  return isModelError(error) && error.code === 'MODEL_AUTH';
}

/** Wraps `first` (built for `firstValue`) so that every call uses the command's current value. */
export function commandCredentialClient(
  first: ModelClient,
  firstValue: string,
  source: CommandCredentialSource,
): ModelClient {
  let current = { value: firstValue, client: first };
  const use = async (rerun: boolean): Promise<{ client: ModelClient; changed: boolean }> => {
    const next = await source(rerun);
    if (next.value === current.value) return { client: current.client, changed: false };
    current = { value: next.value, client: next.client() };
    return { client: current.client, changed: true };
  };
  return {
    provider: first.provider,
    model: first.model,
    supportsTools: first.supportsTools,
    baseURL: first.baseURL,
    async *stream(request: ChatRequest): AsyncIterable<StreamEvent> {
      const { client } = await use(false);
      let shown = false;
      try {
        for await (const event of client.stream(request)) {
          shown = true;
          yield event;
        }
      } catch (error) {
        if (shown || !rejected(error) || request.signal?.aborted) throw error;
        const again = await use(true);
        if (!again.changed) throw error;
        yield* again.client.stream(request);
      }
    },
    async probe(signal?: AbortSignal): Promise<void> {
      const { client } = await use(false);
      try {
        await client.probe(signal);
      } catch (error) {
        if (!rejected(error) || signal?.aborted) throw error;
        const again = await use(true);
        if (!again.changed) throw error;
        await again.client.probe(signal);
      }
    },
  };
}
