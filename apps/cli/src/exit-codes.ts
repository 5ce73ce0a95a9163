/** Exit codes of `flynn`: stable, documented in the README. */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem (invalid config, a failing tier, a missing credential). */
  failure: 1,
  /** Bad usage: unknown command or option, missing argument. */
  usage: 2,
  /** Interrupted with Ctrl-C. */
  interrupted: 130,
} as const;
