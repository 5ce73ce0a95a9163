/**
 * Iterates `source` until `signal` fires, then stops at once (closing the source), even
 * if the source is waiting for a slow server and has not noticed the signal itself.
 * Ends by throwing `signal.reason`.
 */
export async function* abortable<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    // Do not wait: a source stuck on the network would hold the prompt back.
    void Promise.resolve(iterator.return?.()).catch(() => {});
  }
}
