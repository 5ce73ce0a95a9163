/**
 * Remedies as data. A library says *what* would fix a problem (log in to a provider, set an
 * env var, change a config path, or plain advice); the app says it in its own words:
 * {@link renderRemedy} with `cli` gives "Run `flynn openai-key` or set OPENAI_API_KEY", with
 * `tui` "Run `/login openai`, or set OPENAI_API_KEY and restart Flynn".
 */
import { type LoginMethodKind, loginMethods } from './login-methods.js';
import { DEFAULT_PROFILE } from './profile-name.js';
import { credentialSpec, type ProviderId, providerSpec } from './providers.js';
import { assertNever, type CredentialKind } from './types.js';

/** One way to fix a problem. */
export type RemedyStep =
  /**
   * Store or log in to `provider`'s `credential`; `again`: a login that must be redone;
   * `replace`: a stored credential must be replaced (the CLI adds `--replace`); `method`:
   * one way of logging in in particular (the CLI names `flynn login <provider>` with its flag);
   * `profile`: into that named profile (`--profile NAME`; absent or `default`: the default one).
   */
  | {
      kind: 'login';
      provider: ProviderId;
      credential: CredentialKind;
      again?: boolean;
      replace?: boolean;
      method?: LoginMethodKind;
      profile?: string;
    }
  /** Set one of these env vars. */
  | { kind: 'env'; vars: readonly string[] }
  /** Change the config at `path` (a dotted path such as `models.fast.auth_mode`); `change` says how. */
  | { kind: 'config'; path: string; change: string }
  /** Advice that needs no command, for people: "Check that the file belongs to you." */
  | { kind: 'advice'; text: string };

/** Ways to fix a problem, any one of which is enough; empty when there is nothing to suggest. */
export type Remedy = readonly RemedyStep[];

/** Who renders: the `flynn` CLI or the chat TUI. */
export type RemedyStyle = 'cli' | 'tui';

/**
 * The remedy for lacking any of `kinds` of `provider` (in the order they would be tried):
 * one login step per kind, then one env step with every env var of those kinds.
 */
export function credentialRemedy(provider: ProviderId, kinds: readonly CredentialKind[]): Remedy {
  const steps: RemedyStep[] = [];
  const vars: string[] = [];
  for (const kind of kinds) {
    const spec = credentialSpec(provider, kind);
    if (!spec) continue;
    steps.push({ kind: 'login', provider, credential: kind });
    vars.push(...spec.envVars);
  }
  if (vars.length > 0) steps.push({ kind: 'env', vars });
  return steps;
}

/**
 * The CLI command that stores `provider`'s `credential`: the older alias where there is one
 * (`flynn openai-key`), else `flynn login <provider>` with the kind's flag when the provider
 * has more than one kind.
 */
export function loginCommand(provider: ProviderId, credential: CredentialKind): string {
  const spec = credentialSpec(provider, credential);
  if (spec?.command) return `flynn ${spec.command}`;
  const several = providerSpec(provider).credentials.length > 1;
  return several ? `flynn login ${provider} ${loginFlag(credential)}` : `flynn login ${provider}`;
}

/** `flynn login <provider> <flag>` for one login method of `credential`, when there is one. */
function methodCommand(
  provider: ProviderId,
  credential: CredentialKind,
  method: LoginMethodKind | undefined,
): string | undefined {
  if (method === undefined) return undefined;
  const found = loginMethods(provider).find(
    (entry) => entry.method === method && entry.kind === credential,
  );
  return found ? `flynn login ${provider} ${found.flag}` : undefined;
}

/** The `flynn login` flag that selects `kind`. */
export function loginFlag(kind: CredentialKind): string {
  switch (kind) {
    case 'api_key':
      return '--api-key';
    case 'auth_token':
      return '--token';
    case 'oauth_tokens':
      return '--device';
    default:
      return assertNever(kind, 'credential kind');
  }
}

const alternatives = (items: readonly string[]) => items.join(' or ');
const unique = (items: readonly string[]) => [...new Set(items)];

/**
 * One or two sentences telling the user what to do, in the words of `style` (see the module
 * header). Empty for an empty remedy. Never contains anything but names, commands and paths.
 */
export function renderRemedy(remedy: Remedy, style: RemedyStyle): string {
  const commands: string[] = [];
  const vars: string[] = [];
  const sentences: string[] = [];
  let again = false;
  for (const step of remedy) {
    switch (step.kind) {
      case 'login': {
        const profile =
          step.profile && step.profile !== DEFAULT_PROFILE ? ` --profile ${step.profile}` : '';
        commands.push(
          style === 'cli'
            ? `\`${methodCommand(step.provider, step.credential, step.method) ?? loginCommand(step.provider, step.credential)}${step.replace ? ' --replace' : ''}${profile}\``
            : `\`/login ${step.provider}${profile}\``,
        );
        again ||= step.again === true;
        break;
      }
      case 'env':
        vars.push(...step.vars);
        break;
      case 'config':
        sentences.push(`${step.change} (${step.path})`);
        break;
      case 'advice':
        sentences.push(step.text);
        break;
      default:
        assertNever(step, 'remedy step');
    }
  }
  const run = unique(commands);
  const envVars = unique(vars);
  const restart = style === 'tui' ? ' and restart Flynn' : '';
  const envPart = envVars.length > 0 ? `set ${alternatives(envVars)}${restart}` : '';
  let first = '';
  if (run.length > 0) {
    first = `Run ${alternatives(run)}${again ? ' again' : ''}`;
    if (envPart) first += run.length > 1 || style === 'tui' ? `, or ${envPart}` : ` or ${envPart}`;
  } else if (envPart) {
    first = `S${envPart.slice(1)}`;
  }
  return [first, ...sentences].filter(Boolean).join('. ');
}
