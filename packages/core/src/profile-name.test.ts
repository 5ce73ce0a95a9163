import { describe, expect, it } from 'vitest';
import { BAD_PROFILE_OPTION, isProfileName, profileOption } from './profile-name.js';

describe('profile names', () => {
  it.each(['work', 'a', 'team-2', 'x_y', 'a'.repeat(32)])('%s is one', (name) => {
    expect(isProfileName(name)).toBe(true);
  });

  it.each(['', 'Work', '-work', '_a', 'a b', 'a:b', 'a/b', 'a'.repeat(33), 'work\n'])(
    '%j is not',
    (name) => {
      expect(isProfileName(name)).toBe(false);
    },
  );

  it('--profile: none and default are the provider entry, a name is itself, a bad name is refused', () => {
    expect(profileOption(undefined)).toEqual({ profile: undefined });
    expect(profileOption('default')).toEqual({ profile: undefined });
    expect(profileOption('work')).toEqual({ profile: 'work' });
    expect(profileOption('')).toEqual({ error: BAD_PROFILE_OPTION });
    expect(profileOption('Work!')).toEqual({ error: BAD_PROFILE_OPTION });
  });
});
