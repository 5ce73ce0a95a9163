import { join } from 'node:path';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach } from 'vitest';

/** A fresh temp home per test, with the store path and explicit options pointing into it. */
export interface TempStore {
  home: TempHome;
  /** The config dir (it does not exist until the first write). */
  dir: string;
  path: string;
  /** `{ path, env }` with an empty env: pass to every store function. */
  options: { path: string; env: Record<string, string> };
}

/** Registers hooks that give every test in the file its own `TempStore` (read it inside tests). */
export function useTempStore(): TempStore {
  const current = {} as TempStore;
  beforeEach(() => {
    const home = createTempHome();
    const path = join(home.configDir, 'auth.json');
    Object.assign(current, { home, dir: home.configDir, path, options: { path, env: {} } });
  });
  afterEach(() => current.home.cleanup());
  return current;
}
