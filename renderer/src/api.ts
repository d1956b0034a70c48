/**
 * The renderer's only door to the app: `window.locdesk`, provided by the preload (or, in tests, by a harness).
 * Every component reaches it through here, so component tests can swap in a fake with `setApi`.
 */
import type { LocdeskApi } from '../../common/contract';

let override: LocdeskApi | null = null;

/** The API in use. */
export function api(): LocdeskApi {
  return override ?? window.locdesk;
}

/** Replaces the API (tests only). */
export function setApi(replacement: LocdeskApi | null): void {
  override = replacement;
}

/** The human message of an error thrown by a call. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** The machine code a failed call carries (see `Envelope`), or null for anything else. */
export function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

/**
 * Failures the app already shows in its chrome (the offline badge, the session banner); repeating them as
 * errors would nag a translator who is simply working offline.
 */
export function isExpectedOffline(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code !== null &&
    (code.startsWith('network.') || code === 'lokalise.network' || code === 'lokalise.no_answer' || code === 'auth.required' || code === 'auth.session_expired')
  );
}
