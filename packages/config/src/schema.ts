import * as z from 'zod';

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
  model: z.string().trim().min(1),
  auth_mode: z.enum(AUTH_MODES).optional(),
  /** @deprecated `use_oauth: true` is an alias for `auth_mode: oauth`. */
  use_oauth: z.boolean().optional(),
  api_key: secretSchema.optional(),
  auth_token: secretSchema.optional(),
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
});
export type ModelConfig = z.infer<typeof modelConfigBaseSchema>;

/** Local provider names: lowercase words that cannot be mistaken for a tier or a flag. */
const localProviderNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_"');

export const localProviderSchema = modelConfigBaseSchema.extend({ name: localProviderNameSchema });
export type LocalProviderConfig = z.infer<typeof localProviderSchema>;

export const modelsSchema = z.object({
  default: modelConfigBaseSchema.optional(),
  fast: modelConfigBaseSchema.optional(),
  complex: modelConfigBaseSchema.optional(),
  local: modelConfigBaseSchema.optional(),
  local_providers: z.array(localProviderSchema).default([]),
});

export const oauthOverridesSchema = z.object({
  openai: z
    .object({
      issuer: z.url({ protocol: /^https?$/ }).optional(),
      client_id: z.string().min(1).optional(),
      backend_url: z.url({ protocol: /^https?$/ }).optional(),
    })
    .optional(),
  github: z.object({ client_id: z.string().min(1).optional() }).optional(),
});

/** The whole `config.yaml`. */
export const flynnConfigSchema = z.object({
  models: modelsSchema,
  oauth: oauthOverridesSchema.optional(),
});
export type FlynnConfig = z.infer<typeof flynnConfigSchema>;
