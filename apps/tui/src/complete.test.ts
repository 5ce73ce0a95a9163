import { describe, expect, test } from 'vitest';
import { completions } from './complete.js';
import type { Session } from './session.js';

const session = {
  tiers: [
    { name: 'default', model: { provider: 'openai', model: 'm', profiles: ['work', 'personal'] } },
    { name: 'fast', model: { provider: 'anthropic', model: 'm', profile: 'gateway' } },
  ],
} as unknown as Session;

describe('Tab after /login and /logout (issue 17)', () => {
  test('completes --profile after the provider, then the profiles the tiers of that provider use', () => {
    expect(completions('/login openai --pr', session)).toEqual(['/login openai --profile']);
    expect(completions('/logout anthropic -', session)).toEqual(['/logout anthropic --profile']);
    expect(completions('/login openai --profile ', session)).toEqual([
      '/login openai --profile work',
      '/login openai --profile personal',
    ]);
    expect(completions('/login openai --profile p', session)).toEqual([
      '/login openai --profile personal',
    ]);
    expect(completions('/logout anthropic --profile ', session)).toEqual([
      '/logout anthropic --profile gateway',
    ]);
    expect(completions('/login zai --profile ', session)).toEqual([]);
    expect(completions('/login openai x', session)).toEqual([]);
    expect(completions('/model default x', session)).toEqual([]);
  });
});
