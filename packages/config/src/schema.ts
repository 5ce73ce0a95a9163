// zod/mini: the same schemas and types as classic zod, without the per-instance
// methods that make classic schemas slow to construct (start-up is budgeted).
import {
  AUTH_MODES,
  type AuthMode,
  CREDENTIAL_STORES,
  OAUTH_PROVIDERS,
  PROFILE_NAME_PATTERN,
  PROVIDER_IDS,
  type ProviderId,
} from '@flynn/core';
import type * as Z from 'zod/mini';
import { zodFunction } from './lazy-libs.js';
import { type SecretValue, secretValueProblem } from './secret-reference.js';

/**
 * `zod/mini`, loaded when the first schema is built (see lazy-libs.ts): every use below is
 * inside a `lazy` builder, so a start that never validates never loads zod.
 */
const z: typeof Z = new Proxy({} as typeof Z, {
  get: (_target, key) => zodFunction(key as keyof typeof Z),
});

/** Providers a tier can name: the ids of `@flynn/core`'s provider registry. */
export const PROVIDERS = PROVIDER_IDS;
export type { AuthMode, ProviderId };
export { AUTH_MODES, OAUTH_PROVIDERS };

/** The four fixed tiers. Local providers are addressed by their own names. */
export const TIER_NAMES = ['default', 'fast', 'complex', 'local'] as const;
export type TierName = (typeof TIER_NAMES)[number];

/**
 * A schema built on first use. Building the zod schemas below costs about 1.5 ms of a cold
 * start, and a start whose config comes from the parse cache (`fileConfigParseCache`) never
 * validates. The proxy forwards every access to the built schema, so it is used exactly
 * like one (parse, extend, `.shape`, `z.infer`).
 */
function lazy<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => {
    built ??= build();
    return built;
  };
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(real(), key, real()),
    has: (_target, key) => Reflect.has(real(), key),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

/** `api_key` / `auth_token`: the value (`${NAME}` expanded at use) or a secret reference. */
const secretSchema = lazy(() =>
  z
    .custom<SecretValue>(() => true)
    .check(
      z.superRefine((value, context) => {
        const problem = secretValueProblem(value);
        if (problem) context.issues.push({ code: 'custom', message: problem, input: value });
      }),
    ),
);

/** True unless `value` parses as a URL with user info (`user:password@`). */
function hasNoUserinfo(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username === '' && url.password === '';
  } catch {
    return true; // not a URL at all: the format check reports that
  }
}

/**
 * An http(s) URL without `user:password@`: credentials in a URL end up in error messages
 * (undici refuses such a URL and quotes it), so they are rejected here, where the issue
 * names only the path. `remedy` says where the credentials belong instead.
 */
function httpURLSchema(remedy: string) {
  return z
    .url({ protocol: /^https?$/ })
    .check(z.refine(hasNoUserinfo, `must not contain user:password@; ${remedy}`));
}

const endpointURLSchema = lazy(() =>
  httpURLSchema('put credentials in `headers` or use api_key/auth_token'),
);
const oauthURLSchema = lazy(() =>
  httpURLSchema('remove it (the OAuth endpoints take no credentials in the URL)'),
);

/** An HTTP header name (RFC 9110 token): anything else would break the request. */
const headerNameSchema = lazy(() =>
  z.string().check(z.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'is not a valid HTTP header name')),
);

/**
 * A header value on one line: a CR or LF would split the request (header injection), and any
 * other control character is refused by the HTTP client at send time. The message never
 * quotes the value (it is often a credential).
 */
/** True for a header value on one line without control characters (a tab is allowed). */
export function isOneLineValue(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  return !/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value);
}

const headerValueSchema = lazy(() =>
  z
    .string()
    .check(
      z.refine(
        isOneLineValue,
        'must be one line without control characters (a line break here would split the request)',
      ),
    ),
);

/** A stored credential profile's name (`flynn login <provider> --profile NAME`). */
const profileNameSchema = lazy(() =>
  z
    .string()
    .check(
      z.regex(
        PROFILE_NAME_PATTERN,
        'must be a profile name: lowercase letters, digits, "-" or "_", at most 32',
      ),
    ),
);

/**
 * The fields every tier and every `local_providers` entry shares (DESIGN section 3).
 * `auth_mode` stays optional here so that its absence is visible: `resolveAuthMode`
 * turns it into the effective mode and says where that came from.
 */
export const modelConfigBaseSchema = lazy(() =>
  z.object({
    provider: z.enum(PROVIDERS),
    model: z.string().check(z.trim(), z.minLength(1)),
    auth_mode: z.optional(z.enum(AUTH_MODES)),
    /** @deprecated `use_oauth: true` is an alias for `auth_mode: oauth`. */
    use_oauth: z.optional(z.boolean()),
    api_key: z.optional(secretSchema),
    auth_token: z.optional(secretSchema),
    base_url: z.optional(endpointURLSchema),
    headers: z.optional(z.record(headerNameSchema, headerValueSchema)),
    /** The stored profile whose credential the tier uses (default `default`). */
    profile: z.optional(profileNameSchema),
    /** Stored profiles to try in order: the next one answers when one is refused (401/403/429). */
    profiles: z.optional(z.array(profileNameSchema).check(z.minLength(1))),
    /** Tiers to try, in order, when every credential of this one is cooling down or unreachable. */
    fallback: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
  }),
);
export type ModelConfig = Z.infer<typeof modelConfigBaseSchema>;

/** Local provider names: lowercase words that cannot be mistaken for a tier or a flag. */
const localProviderNameSchema = lazy(() =>
  z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_"')),
);

export const localProviderSchema = lazy(() =>
  z.extend(modelConfigBaseSchema, {
    name: localProviderNameSchema,
  }),
);
export type LocalProviderConfig = Z.infer<typeof localProviderSchema>;

export const modelsSchema = lazy(() =>
  z.object({
    default: z.optional(modelConfigBaseSchema),
    fast: z.optional(modelConfigBaseSchema),
    complex: z.optional(modelConfigBaseSchema),
    local: z.optional(modelConfigBaseSchema),
    local_providers: z._default(z.array(localProviderSchema), []),
  }),
);

export const oauthOverridesSchema = lazy(() =>
  z.object({
    openai: z.optional(
      z.object({
        issuer: z.optional(oauthURLSchema),
        client_id: z.optional(z.string().check(z.minLength(1))),
        backend_url: z.optional(oauthURLSchema),
      }),
    ),
    github: z.optional(
      z.object({
        client_id: z.optional(z.string().check(z.minLength(1))),
        /** The device request's `scope` (default empty: GitHub Models needs no OAuth scope). */
        scope: z.optional(z.string()),
      }),
    ),
  }),
);

/** The whole `config.yaml`. */
export const flynnConfigSchema = lazy(() =>
  z.object({
    models: modelsSchema,
    oauth: z.optional(oauthOverridesSchema),
    /** Where stored credentials live: the OS keyring, `auth.json`, or `auto` (the default). */
    credential_store: z.optional(z.enum(CREDENTIAL_STORES)),
  }),
);
export type FlynnConfig = Z.infer<typeof flynnConfigSchema>;
