/**
 * The renderer's only door to the app. `window.locdesk` (from the preload, or in the browser harnesses from a page
 * bridge) resolves every call with an envelope; `api()` is that bridge turned into the typed API that rejects with a
 * `LocdeskError`, which every component uses. Component tests swap the bridge, never the unwrapping, with `setBridge`.
 */
import type { LocdeskApi, LocdeskBridge } from '../../common/contract';
import type { ErrorCode } from '../../common/errors';
import { apiOverBridge, LocdeskError } from './bridge-client';

let replacement: LocdeskBridge | null = null;
let built: { readonly bridge: LocdeskBridge; readonly api: LocdeskApi } | null = null;

/** The API in use, built once per bridge. */
export function api(): LocdeskApi {
  const bridge = replacement ?? window.locdesk;
  if (built?.bridge !== bridge) built = { bridge, api: apiOverBridge(bridge) };
  return built.api;
}

/** Replaces `window.locdesk` (tests only); null goes back to the real one. */
export function setBridge(bridge: LocdeskBridge | null): void {
  replacement = bridge;
}

/** The human message of an error thrown by a call. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** The code a failed call carries, or null for anything that is not a failed call. */
export function codeOf(error: unknown): ErrorCode | null {
  return error instanceof LocdeskError ? error.code : null;
}

/**
 * Failures the app already shows in its chrome (the offline badge, the session banner); repeating them as
 * errors would nag a translator who is simply working offline.
 */
const expectedOfflineCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'network.offline',
  'network.proxy_auth',
  'network.no_answer',
  'lokalise.network',
  'lokalise.timeout',
  'lokalise.no_answer',
  'auth.required',
  'auth.session_expired',
]);

/** True for a failure the app's chrome already shows (see `expectedOfflineCodes`). */
export function isExpectedOffline(error: unknown): boolean {
  const code = codeOf(error);
  return code !== null && expectedOfflineCodes.has(code);
}
