/** One Server-Sent Event: its `event:` name (when sent) and its joined `data:` lines. */
export interface SseEvent {
  event?: string;
  data: string;
}

/**
 * Parses an SSE body per the HTML spec's framing: events end at a blank line, `data:`
 * lines join with '\n', one space after the colon is dropped, `:` lines are comments.
 * Tests use it to assert on the exact framing a server sent.
 */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  let event: string | undefined;
  let data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0)
        events.push(
          event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') },
        );
      event = undefined;
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return events;
}
