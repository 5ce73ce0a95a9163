import { LOGIN_PROVIDERS } from './login-providers.js';
import type { Session } from './session.js';

/** The slash commands Tab completes and "did you mean" suggests. */
export const COMMANDS = ['/help', '/login', '/logout', '/model', '/status', '/exit'] as const;

/**
 * Tab at the prompt: the whole lines `text` can become. Commands first; then `/model`
 * completes tiers and local providers (once the config is read), `/login` and `/logout`
 * providers, then `--profile` and the profile names the config's tiers use. Messages (anything not starting with `/`) complete nothing.
 */
export function completions(text: string, session?: Session): string[] {
  if (!text.startsWith('/') || text.includes('\n')) return [];
  const space = text.indexOf(' ');
  if (space === -1) return COMMANDS.filter((command) => command.startsWith(text.toLowerCase()));
  const command = text.slice(0, space).toLowerCase();
  const argument = text.slice(space + 1).trimStart();
  if ((command === '/login' || command === '/logout') && argument.includes(' ')) {
    return profileCompletions(command, argument, session);
  }
  if (argument.includes(' ')) return [];
  const choices =
    command === '/model'
      ? (session?.tiers.map((tier) => tier.name) ?? [])
      : command === '/login' || command === '/logout'
        ? [...LOGIN_PROVIDERS]
        : [];
  return choices
    .filter((choice) => choice.startsWith(argument))
    .map((choice) => `${command} ${choice}`);
}

/**
 * After `/login <provider> ` (or `/logout`): `--profile`, then the profiles the config's tiers
 * of that provider name (`profile:`/`profiles:`), so `/login openai --profile w` Tab gives
 * `/login openai --profile work`.
 */
function profileCompletions(command: string, argument: string, session?: Session): string[] {
  const words = argument.split(/ +/);
  const [provider = '', ...more] = words;
  const head = `${command} ${provider}`;
  if (more.length === 1) {
    const [partial = ''] = more;
    return partial !== '' && '--profile'.startsWith(partial) ? [`${head} --profile`] : [];
  }
  if (more.length !== 2 || more[0] !== '--profile') return [];
  const partial = more[1] ?? '';
  const names = new Set<string>();
  for (const tier of session?.tiers ?? []) {
    if (tier.model.provider !== provider) continue;
    for (const name of tier.model.profiles ?? (tier.model.profile ? [tier.model.profile] : [])) {
      names.add(name);
    }
  }
  return [...names]
    .filter((name) => name.startsWith(partial))
    .map((name) => `${head} --profile ${name}`);
}

/** The command closest to a mistyped one (`/stauts` -> `/status`), if any is close. */
export function closestCommand(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const command of COMMANDS) {
    const candidate = command.slice(1);
    const distance =
      candidate.startsWith(name) && name.length > 0 ? 0 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = command;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
