import { maskSecret } from '@flynn/core';
import { probeKind, providerKinds } from './provider-credentials.js';
import type { PresenceRow, ResolveRequest } from './resolution-types.js';

/**
 * Every place each kind of credential the provider accepts could come from, in resolution
 * order (from the provider registry), whether found or not, with a fingerprint when found and never a value. For doctor's
 * presence matrix. Local providers have one row: the config `api_key`.
 */
export function credentialPresence(
  request: Omit<ResolveRequest, 'mode' | 'modeOrigin'>,
): PresenceRow[] {
  return providerKinds(request.provider).flatMap((kind) =>
    probeKind(request, kind).map((probe) => ({
      provider: request.provider,
      kind,
      source: probe.source,
      location: probe.location,
      present: probe.value !== undefined,
      fingerprint: probe.value === undefined || probe.invalid ? '' : maskSecret(probe.value),
      ...(probe.invalid ? { invalid: true as const } : {}),
      ...(probe.error ? { failed: true as const } : {}),
    })),
  );
}
