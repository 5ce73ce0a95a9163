/** An abort controller that also fires when the caller's signal does. */
export interface LinkedAbort {
  readonly signal: AbortSignal;
  /** Aborts the request (e.g. the consumer stopped reading); a no-op once aborted. */
  abort(): void;
  /** Stops listening to the caller's signal. */
  dispose(): void;
}

/**
 * Links a fresh controller to `parent`, so a client can cancel its own request
 * (when the consumer stops iterating) as well as honour the caller's cancellation.
 */
export function linkAbortSignal(parent?: AbortSignal): LinkedAbort {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    abort: () => {
      if (!controller.signal.aborted) controller.abort();
    },
    dispose: () => parent?.removeEventListener('abort', onAbort),
  };
}
