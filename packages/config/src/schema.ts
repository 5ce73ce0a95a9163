// zod/mini: the same schemas and types as classic zod, without the per-instance
// methods that make classic schemas slow to construct (start-up is budgeted).
import * as z from 'zod/mini';

/** Providers a tier can name. */
export const PROVIDERS = [
  'openai',
  'anthropic',
  'zai',
  'github',
  'ollama',
  'openai-compatible',
] as const;
export type ProviderId = (typeof PROVIDERS)[number];

/** Values of `auth_mode`. `auto` is the default. */
export const AUTH_MODES = ['auto', 'api_key', 'oauth'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** Providers for which `auth_mode: oauth` means something (OpenAI: ChatGPT OAuth; Anthropic: auth token). */
export const OAUTH_PROVIDERS: readonly ProviderId[] = ['openai', 'anthropic'];

/** The four fixed tiers. Local providers are addressed by their own names. */
export const TIER_NAMES = ['default', 'fast', 'complex', 'local'] as const;
export type TierName = (typeof TIER_NAMES)[number];

const secretSchema = z.string();

/**
 * The fields every tier and every `local_providers` entry shares (DESIGN section 3).
 * `auth_mode` stays optional here so that its absence is visible: `resolveAuthMode`
 * turns it into the effective mode and says where that came from.
 */
export const modelConfigBaseSchema = z.object({
  provider: z.enum(PROVIDERS),
  model: z.string().check(z.trim(), z.minLength(1)),
  auth_mode: z.optional(z.enum(AUTH_MODES)),
  /** @deprecated `use_oauth: true` is an alias for `auth_mode: oauth`. */
  use_oauth: z.optional(z.boolean()),
  api_key: z.optional(secretSchema),
  auth_token: z.optional(secretSchema),
  base_url: z.optional(z.url({ protocol: /^https?$/ })),
  headers: z.optional(z.record(z.string(), z.string())),
});
export type ModelConfig = z.infer<typeof modelConfigBaseSchema>;

/** Local provider names: lowercase words that cannot be mistaken for a tier or a flag. */
const localProviderNameSchema = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_"'));

export const localProviderSchema = z.extend(modelConfigBaseSchema, {
  name: localProviderNameSchema,
});
export type LocalProviderConfig = z.infer<typeof localProviderSchema>;

export const modelsSchema = z.object({
  default: z.optional(modelConfigBaseSchema),
  fast: z.optional(modelConfigBaseSchema),
  complex: z.optional(modelConfigBaseSchema),
  local: z.optional(modelConfigBaseSchema),
  local_providers: z._default(z.array(localProviderSchema), []),
});

export const oauthOverridesSchema = z.object({
  openai: z.optional(
    z.object({
      issuer: z.optional(z.url({ protocol: /^https?$/ })),
      client_id: z.optional(z.string().check(z.minLength(1))),
      backend_url: z.optional(z.url({ protocol: /^https?$/ })),
    }),
  ),
  github: z.optional(z.object({ client_id: z.optional(z.string().check(z.minLength(1))) })),
});

/** The whole `config.yaml`. */
export const flynnConfigSchema = z.object({
  models: modelsSchema,
  oauth: z.optional(oauthOverridesSchema),
});
export type FlynnConfig = z.infer<typeof flynnConfigSchema>;
