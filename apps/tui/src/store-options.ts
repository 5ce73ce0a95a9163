import type { Env } from '@flynn/auth-store';
import type { Session } from './session.js';

/** The store options every `@flynn/auth-store` call takes. */
export function storeOptions(session: Session): { path: string; env: Env } {
  return { path: session.storePath, env: session.env };
}
