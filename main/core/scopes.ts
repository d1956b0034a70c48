/**
 * The OAuth scopes Locdesk asks Lokalise for, what each one lets it do (in a translator's words), and how to tell
 * that a saved sign-in lacks one.
 *
 * The list lives here, apart from the client and the session, so that a new feature adds its scope in one place:
 * when the write path adds `write_translations` to `lokaliseScopes`, every saved sign-in that was granted the older
 * list is detected by `missingScopes` (at start-up and after each refresh) and answered with "Sign in again",
 * instead of failing with a 403 in the middle of a save.
 */
import { LocdeskError } from './errors';

/** The scopes Locdesk requests unless LOCDESK_SCOPES says otherwise. Add a scope here when a feature needs it. */
export const lokaliseScopes = ['read_projects', 'read_keys', 'read_translations', 'write_translations', 'read_languages', 'read_contributors', 'read_team_users'] as const;

/** What a scope allows, finishing the sentence "Locdesk may not …". Unknown scopes are named as they are. */
const abilities: Readonly<Record<string, string>> = {
  read_projects: 'see your projects',
  read_keys: 'read keys',
  read_translations: 'read translations',
  read_languages: 'read project languages',
  read_contributors: 'see who you are in a project',
  read_team_users: 'see your team members',
  write_translations: 'save translations',
  write_keys: 'change keys',
};

/** A phrase for the scope, e.g. `read keys (read_keys)`. */
export function describeScope(scope: string): string {
  const ability = abilities[scope];
  return ability === undefined ? scope : `${ability} (${scope})`;
}

/**
 * The scopes of `required` that `granted` lacks. `granted` null means the provider never said what it granted
 * (Lokalise's code exchange does not), so nothing can be called missing yet: the answer is then an empty list.
 */
export function missingScopes(required: readonly string[], granted: readonly string[] | null): string[] {
  if (granted === null) return [];
  const have = new Set(granted);
  return required.filter((scope) => !have.has(scope));
}

/** The sentence for a sign-in that lacks `scopes`, with the way forward. */
export function scopeMissingMessage(scopes: readonly string[]): string {
  const listed = scopes.map(describeScope);
  const joined = listed.length <= 1 ? (listed[0] ?? '') : `${listed.slice(0, -1).join(', ')} and ${listed.at(-1) ?? ''}`;
  return `Your Lokalise sign-in does not let Locdesk ${joined}. Sign in again and allow ${scopes.length === 1 ? 'it' : 'them'} on Lokalise’s page; your offline library stays available.`;
}

/** An API call was refused because the sign-in lacks `scope`; the way forward is signing in again. */
export class ScopeMissingError extends LocdeskError {
  public constructor(public readonly scope: string) {
    super('auth.scope_missing', scopeMissingMessage([scope]));
    this.name = 'ScopeMissingError';
  }
}
