/**
 * The renderer's only door to the app: `window.locdesk`, provided by the preload (or, in tests, by a harness).
 * Every component reaches it through here, so component tests can swap in a fake with `setApi`.
 */
import type { LocdeskApi } from '../../preload/contract';

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
