import { expect, test } from 'vitest';
import { abortable } from './abortable.js';

test('stops at once when the signal fires, even while the source is waiting', async () => {
  let closed = false;
  let calls = 0;
  // A source stuck on its second value, as a stream waiting on a silent server is.
  const slow = () => ({
    [Symbol.asyncIterator]: () => ({
      next: () =>
        calls++ === 0
          ? Promise.resolve({ done: false as const, value: 'first' })
          : new Promise<IteratorResult<string>>(() => {}),
      return: async () => {
        closed = true;
        return { done: true as const, value: undefined };
      },
    }),
  });
  const controller = new AbortController();
  const seen: string[] = [];
  const run = (async () => {
    for await (const value of abortable(slow(), controller.signal)) {
      seen.push(value as string);
      controller.abort(new Error('cancelled'));
    }
  })();
  await expect(run).rejects.toThrow('cancelled');
  expect(seen).toEqual(['first']);
  await new Promise((resolve) => setImmediate(resolve));
  expect(closed).toBe(true);
});

test('passes everything through when not aborted', async () => {
  async function* three() {
    yield* [1, 2, 3];
  }
  const values: number[] = [];
  for await (const value of abortable(three(), new AbortController().signal)) values.push(value);
  expect(values).toEqual([1, 2, 3]);
});
