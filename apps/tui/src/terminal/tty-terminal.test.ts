// What a prompt hands on to the next reader: keys typed after Enter, the start of a key
// sequence a chunk cut in two, a paste whose end has not arrived, and the text of a prompt
// ended early. Nothing typed is lost between one prompt and the next.
import { describe, expect, test } from 'vitest';
import { fakeTty } from './fake-tty.test-helper.js';
import { KeyDecoder } from './keys.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyDecoder.takeUnread', () => {
  test('gives back a cut key sequence, or a paste without its end, as it arrived', () => {
    const decoder = new KeyDecoder();
    expect(decoder.push('ab\u001b[')).toEqual([{ type: 'text', text: 'ab' }]);
    expect(decoder.takeUnread()).toBe('\u001b[');
    // Taken: the decoder starts afresh.
    expect(decoder.push('D')).toEqual([{ type: 'text', text: 'D' }]);
    expect(decoder.push('\u001b[200~one\r\ntwo\u001b[20')).toEqual([]);
    expect(decoder.takeUnread()).toBe('\u001b[200~one\r\ntwo\u001b[20');
    expect(decoder.takeUnread()).toBe('');
  });
});

describe('TtyTerminal: nothing typed is lost between prompts', () => {
  test('an arrow key cut by the chunk after Enter still moves the next prompt’s cursor', async () => {
    const { input, terminal } = fakeTty();
    try {
      const first = terminal.readLine('› ');
      input.write('one\rab\u001b[');
      expect(await first).toEqual({ type: 'line', text: 'one' });
      const second = terminal.readLine('› ');
      input.write('DX\r');
      expect(await second).toEqual({ type: 'line', text: 'aXb' });
    } finally {
      terminal.restore();
    }
  });

  test('a cut sequence right after Enter, and a paste still arriving, go to the next prompt', async () => {
    const { input, terminal } = fakeTty();
    try {
      const first = terminal.readLine('› ');
      input.write('one\r\u001b[200~line 1\nli');
      expect(await first).toEqual({ type: 'line', text: 'one' });
      const second = terminal.readLine('› ');
      input.write('ne 2\u001b[201~\r');
      expect(await second).toEqual({ type: 'line', text: 'line 1\nline 2' });
    } finally {
      terminal.restore();
    }
  });

  test('after a choice in a list, a cut sequence is not dropped either', async () => {
    const { input, terminal } = fakeTty();
    try {
      const chosen = terminal.select({ count: 2, render: () => ['a', 'b'] });
      input.write('\u001b[B\rab\u001b[');
      expect(await chosen).toBe(1);
      const line = terminal.readLine('› ');
      input.write('DX\r');
      expect(await line).toEqual({ type: 'line', text: 'aXb' });
    } finally {
      terminal.restore();
    }
  });

  test('cancelRead returns what was typed; `text` puts it back in the next prompt', async () => {
    const { input, terminal } = fakeTty();
    try {
      const early = terminal.readLine('› ');
      input.write('half a thou');
      await tick();
      expect(terminal.cancelRead()).toBe('half a thou');
      expect(await early).toEqual({ type: 'eof' });
      expect(terminal.cancelRead()).toBe('');
      const next = terminal.readLine('› ', { text: 'half a thou' });
      input.write('ght\r');
      expect(await next).toEqual({ type: 'line', text: 'half a thought' });
    } finally {
      terminal.restore();
    }
  });

  test('cancelRead erases the prompt, and a key sequence cut short goes to the next reader', async () => {
    const { input, terminal, written } = fakeTty();
    try {
      const early = terminal.readLine('› ');
      input.write('ab\u001b[');
      await tick();
      const before = written().length;
      expect(terminal.cancelRead()).toBe('ab');
      await early;
      // Back to the prompt's row and cleared: no line of it is left behind.
      expect(written().slice(before)).toBe('\r\u001b[J');
      const next = terminal.readLine('› ', { text: 'ab' });
      input.write('DX\r');
      expect(await next).toEqual({ type: 'line', text: 'aXb' });
    } finally {
      terminal.restore();
    }
  });
});
