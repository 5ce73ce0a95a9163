// How a server that is careless with credentials echoes one back in an error message.
// Leak tests turn this on to prove that Flynn's redaction, not the server's manners,
// keeps secrets out of its output.

/**
 * `full`: the whole credential; `truncated`: its public prefix and first 4 characters,
 * `...`, and its last 4 (`sk-proj-ABCD...WXYZ`), as OpenAI's 401 messages have done.
 */
export type EchoCredential = 'full' | 'truncated';

/** Publicly documented key prefixes, longest match wins. */
const PUBLIC_PREFIX =
  /^(?:sk-ant-(?:api|oat|ort|admin)\d\d-|sk-(?:proj|svcacct|admin)-|sk-|github_pat_|gh[pousr]_)/;

/**
 * The text a careless server puts in its 401 message for `credential`. Credentials
 * too short to truncate (under 12 characters) are echoed whole in both modes.
 */
export function echoedCredential(credential: string, mode: EchoCredential): string {
  if (mode === 'full' || credential.length < 12) return credential;
  const prefix = PUBLIC_PREFIX.exec(credential)?.[0] ?? '';
  return `${credential.slice(0, prefix.length + 4)}...${credential.slice(-4)}`;
}
