import { describe, expect, it } from 'vitest';
import { type SseMessage, SseParser } from './sse-parser.js';

function parseInPieces(text: string, size: number): SseMessage[] {
  const parser = new SseParser();
  const events: SseMessage[] = [];
  for (let index = 0; index < text.length; index += size) {
    events.push(...parser.feed(text.slice(index, index + size)));
  }
  return [...events, ...parser.end()];
}

const STREAM =
  ': keep-alive comment\n' +
  'event: response.created\ndata: {"type":"response.created"}\n\n' +
  'event: response.output_text.delta\r\ndata: {"delta":"a"}\r\n\r\n' +
  'data: line one\rdata:line two\r\r' +
  'id: 7\nretry: 10\ndata\n\n' +
  'event: lonely\n\n' +
  'data: ünïcödé ✓\n\n';

const EXPECTED: SseMessage[] = [
  { event: 'response.created', data: '{"type":"response.created"}' },
  { event: 'response.output_text.delta', data: '{"delta":"a"}' },
  { event: undefined, data: 'line one\nline two' },
  { event: undefined, data: '' },
  { event: undefined, data: 'ünïcödé ✓' },
];

describe('SseParser', () => {
  it('parses LF, CRLF and CR framing, comments, multi-line data and empty data', () => {
    expect(parseInPieces(STREAM, STREAM.length)).toEqual(EXPECTED);
  });

  it('gives the same events however the text is split (including between CR and LF)', () => {
    for (const size of [1, 2, 3, 5, 7, 16, 64]) {
      expect(parseInPieces(STREAM, size)).toEqual(EXPECTED);
    }
  });

  it('drops an event the input ended in the middle of', () => {
    const parser = new SseParser();
    expect(parser.feed('data: complete\n\ndata: {"partial":')).toEqual([
      { event: undefined, data: 'complete' },
    ]);
    expect(parser.end()).toEqual([]);
  });

  it('reassembles a long line split across many chunks', () => {
    const big = 'x'.repeat(200_000);
    const events = parseInPieces(`event: big\ndata: ${big}\n\n`, 997);
    expect(events).toEqual([{ event: 'big', data: big }]);
  });
});
