import { expect, test } from 'vitest';
import { parseCommand } from './parse-command.js';

test('parses slash commands with arguments', () => {
  expect(parseCommand('/login openai')).toEqual({ name: 'login', args: ['openai'] });
  expect(parseCommand('  /LOGOUT   anthropic  api-key ')).toEqual({
    name: 'logout',
    args: ['anthropic', 'api-key'],
  });
  expect(parseCommand('/model')).toEqual({ name: 'model', args: [] });
  expect(parseCommand('/')).toEqual({ name: '', args: [] });
});

test('anything else is a message', () => {
  expect(parseCommand('hello /model')).toBeUndefined();
  expect(parseCommand('//etc/hosts is a path')).toBeUndefined();
  expect(parseCommand('')).toBeUndefined();
});
