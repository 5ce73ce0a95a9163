import { expect, test } from 'vitest';
import { toTuiRemedy } from './tui-remedy.js';

test('CLI credential commands become the /login command that does the same', () => {
  expect(toTuiRemedy('Run `flynn openai-login` again.')).toBe('Run `/login openai` again.');
  expect(toTuiRemedy('Run `flynn openai-key` or set OPENAI_API_KEY')).toBe(
    'Run `/login openai` or set OPENAI_API_KEY',
  );
  expect(toTuiRemedy('Run `flynn anthropic-auth --token`')).toBe('Run `/login anthropic`');
  expect(toTuiRemedy('run flynn github-login or flynn zai-key')).toBe(
    'run `/login github` or `/login zai`',
  );
  expect(toTuiRemedy('Run `flynn openai-key --replace` (the rejected credential is stored)')).toBe(
    'Run `/login openai` (the rejected credential is stored)',
  );
  expect(toTuiRemedy('Run `flynn openai-login --replace` again.')).toBe(
    'Run `/login openai` again.',
  );
  expect(toTuiRemedy('Check your network connection.')).toBe('Check your network connection.');
  expect(
    toTuiRemedy('Run `flynn anthropic-auth` or `flynn anthropic-token`, or set ANTHROPIC_API_KEY'),
  ).toBe('Run `/login anthropic`, or set ANTHROPIC_API_KEY');
});
