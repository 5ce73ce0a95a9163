/**
 * Failover across a tier's credentials and fallback tiers (issue 17). A request the provider
 * refuses (401/403: the credential is rejected; 429: rate or quota limit) before any output
 * moves to the tier's next credential, and the refused one cools down (`@flynn/auth-store`'s
 * cooldowns, shared by every Flynn process through the store lock). When every credential is
 * refused or cooling down, or the provider cannot be reached, the tier's `fallback` tiers are
 * tried in order; only then the cooling credentials themselves, so a tier always makes an
 * attempt and its error is the provider's own. Nothing moves on once output was yielded.
 */
import {
  activeCooldown,
  type CooldownReason,
  type CredentialResolution,
  clearCooldown,
  credentialDigest,
  readCooldowns,
  recordCooldown,
  type WriteOptions,
} from '@flynn/auth-store';
import { isModelError } from './model-error.js';
import type { ChatRequest, ModelClient, StreamEvent } from './types.js';

/** One credential of a tier, with its client (built when first used). */
export interface FailoverCandidate {
  tier: string;
  resolution: CredentialResolution;
  client(): ModelClient;
}

/** A credential (or tier) that did not answer, and why. */
export interface Refusal {
  tier: string;
  /** `profile work`, `OPENAI_API_KEY`, `models.default.api_key`. */
  credential: string;
  reason: CooldownReason | 'cooling_down' | 'unreachable';
}

/** Which credential answered the last request. */
export interface AnsweredBy {
  tier: string;
  resolution: CredentialResolution;
  /** `profile personal`, `OPENAI_API_KEY`, ... (as in {@link Refusal}). */
  credential: string;
  /** False when another credential or tier was tried (or skipped) first. */
  first: boolean;
  refused: Refusal[];
}

export interface FailoverOptions {
  tier: string;
  first: FailoverCandidate;
  /** The tier's whole ordered list (may read the store); called only when needed. */
  candidates(): FailoverCandidate[];
  /** The tier's `fallback` tiers, in order. */
  fallbacks: readonly string[];
  /** Opens a fallback tier's client (with its own failover). */
  openFallback(
    tier: string,
  ): Promise<{ client: ModelClient; answered?: () => AnsweredBy | undefined }>;
  /** Where the store (and so the cooldown file and its lock) is. */
  store: WriteOptions;
}

/** How a credential is named in messages: its profile, env var or config field; never a value. */
export function credentialName(resolution: CredentialResolution): string {
  if (resolution.profile) return `profile ${resolution.profile}`;
  if (resolution.source === 'store') return 'profile default';
  return resolution.location.replace(/ \(.+\)$/, '');
}

function secretOf(resolution: CredentialResolution): string | undefined {
  return resolution.secret?.reveal() ?? resolution.oauth?.access_token;
}

function digestOf(resolution: CredentialResolution): string | undefined {
  const value = secretOf(resolution);
  return value ? credentialDigest(resolution.provider, value) : undefined;
}

function refusalOf(error: unknown): CooldownReason | 'unreachable' | undefined {
  if (isModelError(error, 'MODEL_RATE_LIMIT')) return 'rate_limited';
  if (isModelError(error, 'MODEL_AUTH')) return 'rejected';
  if (isModelError(error, 'MODEL_NETWORK')) return 'unreachable';
  return undefined;
}

type Outcome = { answered: true } | { answered: false; error: unknown };

/** Streams from `client`; an error before the first event is returned, after it thrown. */
async function* attempt(
  client: ModelClient,
  request: ChatRequest,
): AsyncGenerator<StreamEvent, Outcome> {
  let yielded = false;
  try {
    for await (const event of client.stream(request)) {
      yielded = true;
      yield event;
    }
    return { answered: true };
  } catch (error) {
    if (yielded || request.signal?.aborted || refusalOf(error) === undefined) throw error;
    return { answered: false, error };
  }
}

/**
 * A `ModelClient` that answers with the first of the tier's credentials that is not cooling
 * down and is not refused, then the fallback tiers, then the cooling credentials (see the
 * module header). `answered()` says which one answered the last request.
 */
export function failoverClient(options: FailoverOptions): ModelClient & {
  answered(): AnsweredBy | undefined;
} {
  const first = options.first.client();
  let answered: AnsweredBy | undefined;
  let list: FailoverCandidate[] | undefined;
  const candidateAt = (index: number): FailoverCandidate | undefined => {
    if (index === 0) return options.first;
    if (!list) {
      try {
        const firstLocation = options.first.resolution.location;
        list = options.candidates().filter((c) => c.resolution.location !== firstLocation);
      } catch {
        list = []; // the store cannot be read: the first credential is all there is
      }
    }
    return list[index - 1];
  };

  async function record(candidate: FailoverCandidate, reason: CooldownReason, error: unknown) {
    const digest = digestOf(candidate.resolution);
    if (!digest) return;
    const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
    await recordCooldown(
      {
        digest,
        provider: candidate.resolution.provider,
        ...(candidate.resolution.profile ? { profile: candidate.resolution.profile } : {}),
        location: candidate.resolution.location,
        fingerprint: candidate.resolution.fingerprint,
        reason,
        ...(reason === 'rate_limited' && retryAfterMs !== undefined ? { retryAfterMs } : {}),
      },
      options.store,
    ).catch(() => {
      // A corrupt cooldown file or a held lock must not cost the answer; doctor reports it.
    });
  }

  async function* stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const refused: Refusal[] = [];
    const cooling: FailoverCandidate[] = [];
    const state = readCooldowns(options.store);
    let lastError: unknown;
    let unreachable = false;
    const done = (tier: string, resolution: CredentialResolution, credential: string) => {
      answered = { tier, resolution, credential, first: refused.length === 0, refused };
    };
    for (let index = 0; ; index += 1) {
      const candidate = candidateAt(index);
      if (!candidate) break;
      const name = credentialName(candidate.resolution);
      const digest = digestOf(candidate.resolution);
      if (digest && activeCooldown(state, digest)) {
        cooling.push(candidate);
        refused.push({ tier: options.tier, credential: name, reason: 'cooling_down' });
        continue;
      }
      const client = index === 0 ? first : candidate.client();
      const outcome = yield* attempt(client, request);
      if (outcome.answered) {
        done(options.tier, candidate.resolution, name);
        if (digest && state.cooldowns[digest]) {
          await clearCooldown(digest, options.store).catch(() => {});
        }
        return;
      }
      lastError = outcome.error;
      const reason = refusalOf(outcome.error);
      if (reason === 'unreachable' || reason === undefined) {
        unreachable = true;
        refused.push({ tier: options.tier, credential: name, reason: 'unreachable' });
        break;
      }
      refused.push({ tier: options.tier, credential: name, reason });
      await record(candidate, reason, outcome.error);
    }
    for (const tier of options.fallbacks) {
      let opened: Awaited<ReturnType<FailoverOptions['openFallback']>>;
      try {
        opened = await options.openFallback(tier);
      } catch (error) {
        lastError ??= error;
        continue;
      }
      const outcome = yield* attempt(opened.client, request);
      if (outcome.answered) {
        const inner = opened.answered?.();
        answered = {
          tier,
          resolution: inner?.resolution ?? options.first.resolution,
          credential: inner?.credential ?? `tier ${tier}`,
          first: false,
          refused: [...refused, ...(inner?.refused ?? [])],
        };
        return;
      }
      lastError = outcome.error;
      refused.push({ tier, credential: `tier ${tier}`, reason: 'unreachable' });
    }
    // Last resort: the cooling credentials, so the answer (or the error) is the provider's.
    if (!unreachable) {
      for (const candidate of cooling) {
        const client = candidate === options.first ? first : candidate.client();
        const outcome = yield* attempt(client, request);
        if (outcome.answered) {
          done(options.tier, candidate.resolution, credentialName(candidate.resolution));
          return;
        }
        lastError = outcome.error;
        const reason = refusalOf(outcome.error);
        if (reason === 'rate_limited' || reason === 'rejected') {
          await record(candidate, reason, outcome.error);
        }
      }
    }
    throw lastError;
  }

  // Everything else the first client exposes (provider, model, baseURL for messages such as
  // timeouts, and whatever a client gains later) is read through to it, not copied field by
  // field: a copied list silently dropped `baseURL` once.
  const wrapper: ModelClient & { answered(): AnsweredBy | undefined } = Object.create(first);
  return Object.assign(wrapper, {
    stream,
    probe: (signal?: AbortSignal) => first.probe(signal),
    answered: () => answered,
  });
}
