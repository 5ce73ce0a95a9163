export { isCredentialHeader } from './check-inline-secrets.js';
export {
  checkModelConnectivity,
  describeTierCredential,
  type ModelConnectivityInput,
} from './check-model-connectivity.js';
export { shortLocation } from './describe.js';
export {
  type DoctorJson,
  type DoctorJsonTier,
  doctorReportToJson,
} from './doctor-report-json.js';
export { DEFAULT_PROBE_TIMEOUT_MS } from './probe-tier.js';
export { runDoctor } from './run-doctor.js';
export {
  EXPIRY_WARNING_MS,
  expiryChecks,
  profilesByProvider,
  type TierCredential,
  tierCredentials,
} from './tier-credentials.js';
export type {
  Check,
  CheckStatus,
  DoctorReport,
  OnlineResult,
  RunDoctorOptions,
  TierReport,
} from './types.js';
