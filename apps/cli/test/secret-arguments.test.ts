import { describe, expect, it } from 'vitest';
import { findSecretArgument } from '../src/secret-arguments.js';

const KEY = 'sk-proj-Zq8mN3vR7tY1wX5cB9dF2gH4jK6lP0';

describe('findSecretArgument', () => {
  it.each([
    [['login', 'openai', `--api-key=${KEY}`], '--api-key'],
    [['ask', `--token=${KEY}`, 'hi'], '--token'],
    [['doctor', `--key=${KEY}`], '--key'],
    [['ask', '--tier', KEY, 'hi'], '--tier'],
    [['ask', `--tier=${KEY}`, 'hi'], '--tier'],
    [['login', KEY], 'Argument 2'],
    [['logout', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'], 'Argument 2'],
  ])('refuses %j naming %s, never the value', (args, named) => {
    const error = findSecretArgument(args);
    expect(error?.code).toBe('USAGE');
    expect(error?.message).toContain(named);
    expect(`${error?.message} ${JSON.stringify(error?.remedy)}`).not.toContain('Zq8mN3vR');
    expect(`${error?.message}`).not.toContain('0123456789abcdef');
  });

  it('lets ordinary arguments through', () => {
    for (const args of [
      ['ask', '--tier', 'fast', 'explain sk-proj- prefixes'],
      ['--config', '/home/user/projects/flynn-2026/config.yaml', 'doctor'],
      ['login', 'gemini', '--stdin'],
      ['logout', 'openai', '--api-key'],
      ['ask', KEY],
    ]) {
      expect(findSecretArgument(args), args.join(' ')).toBeUndefined();
    }
  });
});
