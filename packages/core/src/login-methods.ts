/**
 * The ways `flynn login <provider>` (and the TUI's `/login <provider>`) can obtain each
 * credential, in the order the menus offer them, with the words both apps show. Derived
 * from the registry, so both menus and `flynn login --help` say the same thing.
 */
import { withArticle } from './classify-credential.js';
import { type ProviderId, providerSpec } from './providers.js';
import { assertNever, type CredentialKind } from './types.js';

/**
 * How a credential is obtained: `browser` (ChatGPT login in the browser, PKCE and a
 * localhost callback), `device` (a device code), `paste` (a key or token typed at a hidden
 * prompt or given on stdin), `gh` (the token `gh auth token` prints).
 */
export type LoginMethodKind = 'browser' | 'device' | 'paste' | 'gh';

/** One choice of a login menu. */
export interface LoginMethod {
  readonly method: LoginMethodKind;
  /** The credential it stores. */
  readonly kind: CredentialKind;
  /** The `flynn login` flag that selects it: `--browser`, `--device`, `--api-key`, `--token`, `--gh`. */
  readonly flag: string;
  /** What the menus show: `ChatGPT login in the browser`, `Paste an OpenAI API key`. */
  readonly label: string;
}

const paste = (label: string) => `Paste ${withArticle(label)}`;

/**
 * The login methods of `provider`, first choice first (the default of a menu): OpenAI's
 * ChatGPT login in the browser, then by device code, then an API key; GitHub's pasted
 * token, then `gh auth token`, then the device flow; Anthropic's API key, then its auth
 * token; every other provider its one API key. Empty for a keyless provider.
 */
export function loginMethods(provider: ProviderId): readonly LoginMethod[] {
  const methods: LoginMethod[] = [];
  for (const spec of providerSpec(provider).credentials) {
    switch (spec.kind) {
      case 'oauth_tokens':
        // Browser first: device-code login must be enabled per account and can be turned off
        // by a workspace admin, so it is the fallback for machines without a browser.
        methods.unshift(
          {
            method: 'browser',
            kind: spec.kind,
            flag: '--browser',
            label: `${spec.label} in the browser`,
          },
          {
            method: 'device',
            kind: spec.kind,
            flag: '--device',
            label: `${spec.label} with a device code`,
          },
        );
        break;
      case 'auth_token':
        methods.push({
          method: 'paste',
          kind: spec.kind,
          flag: '--token',
          label: paste(spec.label),
        });
        break;
      case 'api_key':
        if (provider === 'github') {
          methods.push(
            { method: 'paste', kind: spec.kind, flag: '--token', label: paste(spec.label) },
            {
              method: 'gh',
              kind: spec.kind,
              flag: '--gh',
              label: 'Use the GitHub CLI token (gh auth token)',
            },
            { method: 'device', kind: spec.kind, flag: '--device', label: 'GitHub device login' },
          );
        } else {
          methods.push({
            method: 'paste',
            kind: spec.kind,
            flag: '--api-key',
            label: paste(spec.label),
          });
        }
        break;
      default:
        assertNever(spec.kind, 'credential kind');
    }
  }
  return methods;
}
