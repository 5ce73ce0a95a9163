import { describe, expect, test } from 'vitest';
import { VirtualTerminal } from '../test/virtual-terminal.js';
import { createAnswerWriter, endTurn } from './answer-writer.js';
import { Screen } from './screen.js';
import type { TerminalOutput } from './terminal/tty-terminal.js';

function screenFor(options: { color: boolean; interactive: boolean; columns?: number }) {
  const written: string[] = [];
  const output = {
    isTTY: options.interactive,
    columns: options.columns ?? 30,
    write(chunk: string) {
      written.push(chunk);
      return true;
    },
  } as unknown as TerminalOutput;
  return { screen: new Screen(output, options), output: () => written.join('') };
}

const ANSWER = ['# Tit', 'le\n- one\n- tw', 'o **b', 'old**\n```js\nlet x = 1;', '\n'];

describe('createAnswerWriter and endTurn', () => {
  test('on a color terminal the answer is rendered and the turn ends with a blank line and a dim rule', () => {
    const { screen, output } = screenFor({ color: true, interactive: true });
    const writer = createAnswerWriter(screen);
    for (const chunk of ANSWER) writer.write(chunk);
    writer.end();
    endTurn(screen);
    const terminal = new VirtualTerminal(30);
    terminal.write(output());
    expect(terminal.text()).toBe(
      [
        'Title',
        '• one',
        '• two bold',
        `╭─ js ${'─'.repeat(24)}`,
        '│ let x = 1;',
        `╰${'─'.repeat(29)}`,
        '',
        '─'.repeat(30),
      ].join('\n'),
    );
    expect(output()).toContain(`\u001b[2m${'─'.repeat(30)}\u001b[22m\n`);
    expect(output()).toContain('\u001b[1mbold\u001b[22m');
  });

  test('with NO_COLOR or into a pipe the answer is the model text as sent, without any escape', () => {
    for (const interactive of [true, false]) {
      const { screen, output } = screenFor({ color: false, interactive });
      const writer = createAnswerWriter(screen);
      for (const chunk of [...ANSWER, 'a \u001b]0;title\u0007 b']) writer.write(chunk);
      writer.end();
      screen.endLine();
      endTurn(screen);
      const text = `${ANSWER.join('')}a \\x1b]0;title\\x07 b\n`;
      // A pipe gets no rule (a script reads only answers); a NO_COLOR terminal a plain one.
      expect(output()).toBe(interactive ? `${text}\n${'─'.repeat(30)}\n` : text);
      expect(output()).not.toContain('\u001b');
    }
  });
});
