import { type RemedyStyle, renderRemedy } from '@flynn/core';
import type { CheckStatus, DoctorReport, OnlineResult } from './types.js';

/** One tier in `flynn doctor --json`. */
export interface DoctorJsonTier {
  tier: string;
  provider: string;
  model: string;
  auth_mode: string;
  auth_mode_origin: string;
  credential: string;
  source: string;
  location: string;
  fingerprint: string;
  status: CheckStatus;
  remedy: string;
  message: string;
  online?: {
    status: OnlineResult['status'];
    message: string;
    duration_ms: number;
    check?: OnlineResult['check'];
  };
  /** The tier's credentials in the order a request tries them (issue 17). */
  credentials?: Array<{
    profile?: string;
    credential: string;
    source: string;
    location: string;
    fingerprint: string;
    /** ISO time, when known. */
    expires_at?: string;
    /** ISO time until which it cools down; `null`: until its value changes (rejected). */
    cooldown_until?: string | null;
    cooldown_reason?: string;
  }>;
}

/** The object `flynn doctor --json` prints (field names are a stable contract). */
export interface DoctorJson {
  ok: boolean;
  config_path: string;
  config_source: 'file' | 'defaults';
  store_path: string;
  /** Which backend holds new credentials and why; absent when the store could not be read. */
  credential_store?: { backend: 'keyring' | 'file'; reason: string };
  tiers: DoctorJsonTier[];
  presence: Array<{
    provider: string;
    credential: string;
    source: string;
    location: string;
    present: boolean;
    fingerprint: string;
  }>;
  checks: Array<{ id: string; status: CheckStatus; message: string; remedy?: string }>;
  /** Per provider the tiers use: its stored profiles. */
  profiles?: Record<string, string[]>;
}

/**
 * The `--json` form of a report: snake_case fields, fingerprints only, no values; remedies
 * rendered in the words of `style` (default the CLI's: ``Run `flynn openai-key` ...``).
 */
export function doctorReportToJson(report: DoctorReport, style: RemedyStyle = 'cli'): DoctorJson {
  return {
    ok: report.ok,
    config_path: report.configPath,
    config_source: report.configSource,
    store_path: report.storePath,
    ...(report.credentialStore ? { credential_store: report.credentialStore } : {}),
    tiers: report.tiers.map((tier) => ({
      tier: tier.tier,
      provider: tier.provider,
      model: tier.model,
      auth_mode: tier.authMode,
      auth_mode_origin: tier.authModeOrigin,
      credential: tier.credential,
      source: tier.source,
      location: tier.location,
      fingerprint: tier.fingerprint,
      status: tier.status,
      remedy: renderRemedy(tier.remedy, style),
      message: tier.message,
      ...(tier.online
        ? {
            online: {
              status: tier.online.status,
              message: tier.online.message,
              duration_ms: tier.online.durationMs,
              ...(tier.online.check ? { check: tier.online.check } : {}),
            },
          }
        : {}),
      ...(tier.credentials
        ? {
            credentials: tier.credentials.map((entry) => ({
              ...(entry.profile ? { profile: entry.profile } : {}),
              credential: entry.kind,
              source: entry.source,
              location: entry.location,
              fingerprint: entry.fingerprint,
              ...(entry.expiresAt === undefined
                ? {}
                : { expires_at: new Date(entry.expiresAt).toISOString() }),
              ...(entry.cooldown
                ? {
                    cooldown_until:
                      entry.cooldown.until === undefined
                        ? null
                        : new Date(entry.cooldown.until).toISOString(),
                    cooldown_reason: entry.cooldown.reason,
                  }
                : {}),
            })),
          }
        : {}),
    })),
    presence: report.presence.map((row) => ({
      provider: row.provider,
      credential: row.kind,
      source: row.source,
      location: row.location,
      present: row.present,
      fingerprint: row.fingerprint,
    })),
    checks: report.checks.map((check) => ({
      id: check.id,
      status: check.status,
      message: check.message,
      ...(check.remedy ? { remedy: renderRemedy(check.remedy, style) } : {}),
    })),
    ...(report.profiles ? { profiles: report.profiles } : {}),
  };
}
