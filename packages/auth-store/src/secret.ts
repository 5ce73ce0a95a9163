/**
 * A credential value that cannot leak by accident.
 *
 * Guarantee: every implicit way of turning it into text (`String()`, template literals,
 * `JSON.stringify`, `util.inspect`/`console.log`) yields only the masked fingerprint; the
 * value is in a private field and comes out only through `reveal()`.
 * Why: resolutions travel through doctor reports, `--json` output and error objects.
 */
import { inspect } from 'node:util';
import { maskSecret } from '@flynn/core';

/** Holds a secret; only `reveal()` returns it. */
export class Secret {
  readonly #value: string;
  /** `maskSecret` of the value. */
  readonly fingerprint: string;

  constructor(value: string) {
    this.#value = value;
    this.fingerprint = maskSecret(value);
  }

  /** The secret itself. Pass it straight to the SDK or header that needs it. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return this.fingerprint;
  }

  toJSON(): string {
    return this.fingerprint;
  }

  [Symbol.toPrimitive](): string {
    return this.fingerprint;
  }

  [inspect.custom](): string {
    return this.fingerprint;
  }
}
