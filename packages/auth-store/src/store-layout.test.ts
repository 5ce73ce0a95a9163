import { describe, expect, it } from 'vitest';
import { keyringSectionProblem } from './store-layout.js';

const section = (entries: Record<string, string>) => ({ service: 'flynn', entries });

describe('the keyring section of auth.json', () => {
  it('accepts accounts of provider entries and of named profiles up to the longest profile name', () => {
    expect(keyringSectionProblem(undefined)).toBeUndefined();
    expect(
      keyringSectionProblem(
        section({
          openai: 'openai@3f2a9c1b0d4e',
          'openai:work': 'openai:work@3f2a9c1b0d4e',
          [`openai:${'a'.repeat(32)}`]: `openai:${'a'.repeat(32)}@3f2a9c1b0d4e`,
          'anthropic:team-2_x': 'anthropic:team-2_x@000000000000',
          local_providers: 'local_providers@3f2a9c1b0d4e',
        }),
      ),
    ).toBeUndefined();
  });

  it.each([
    ['a profile name longer than 32', `openai:${'a'.repeat(33)}@3f2a9c1b0d4e`],
    ['an upper-case profile', 'openai:Work@3f2a9c1b0d4e'],
    ['a profile starting with -', 'openai:-work@3f2a9c1b0d4e'],
    ['an empty profile', 'openai:@3f2a9c1b0d4e'],
    ['no scope', 'openai:work'],
    ['a short scope', 'openai@3f2a9c1b0d4'],
    ['text around it', ' openai@3f2a9c1b0d4e'],
  ])('refuses %s', (_name, account) => {
    expect(keyringSectionProblem(section({ openai: account }))).toBeTypeOf('string');
  });
});
