/**
 * The closed list of error codes a failed call can carry, shared by main (which raises them), the preload (which
 * passes them on as data) and the renderer (which branches on them).
 *
 * A code is a promise to the UI: the renderer may decide what to show, or not show, from the code alone. Keeping the
 * list closed and typed means main cannot invent a code the renderer has never heard of, and a renderer check such
 * as "is this an offline failure?" can name exact codes instead of guessing from prefixes.
 *
 * Deliberately free of zod and of any runtime: the renderer bundle imports it, and the contract builds its zod enum
 * from this array.
 */

/** Every code, grouped by the part of the app that raises it. Add a code here before raising it anywhere. */
export const errorCodes = [
  // Anything else: a bug, shown as a generic sentence. Also what an unknown code from a newer main becomes.
  'internal',
  // Work stopped on purpose (cancel button, sign-out, quit).
  'cancelled',
  // The bridge itself: main's router and dispatcher, and the preload reading main's reply.
  'ipc.unknown_call',
  'ipc.invalid_argument',
  'ipc.untrusted_sender',
  'ipc.bad_reply',
  'ipc.call_failed',
  // The session and the OAuth flow.
  'auth.required',
  'auth.session_expired',
  'auth.exchange_failed',
  'auth.invalid_client',
  'auth.server_error',
  'auth.port_unavailable',
  'auth.no_manual_attempt',
  'auth.vault_unavailable',
  'auth.scope_missing',
  // The network between Locdesk and Lokalise's sign-in servers.
  'network.offline',
  'network.proxy_auth',
  'network.no_answer',
  // The Lokalise API.
  'lokalise.network',
  'lokalise.timeout',
  'lokalise.no_answer',
  'lokalise.stalled',
  'lokalise.redirected',
  'lokalise.server',
  'lokalise.forbidden',
  'lokalise.not_found',
  'lokalise.rate_limited',
  'lokalise.request',
  'lokalise.bad_response',
  // The offline library.
  'store.unavailable',
  'store.corrupt',
  'store.too_new',
  'store.unknown_project',
  // Syncing.
  'sync.access_lost',
  // A sync stopped on a problem no other code names (a bug, most likely); its message says where it stopped.
  'sync.failed',
  // QA checks across a project.
  'qa.not_synced',
  // Opening links in the system browser.
  'link.not_allowed',
  // Automatic updates.
  'update.not_ready',
  // Offline edits and pushing them (main/core/edits; sentences in edit-errors.ts there).
  'edits.unavailable',
  'edits.unknown_edit',
  'edits.unknown_key',
  'edits.invalid_value',
  'edits.read_only',
  'edits.pending',
  'edits.push_running',
  'edits.scope_missing',
  'edits.export_failed',
] as const;

/** One code from the closed list. */
export type ErrorCode = (typeof errorCodes)[number];

const known: ReadonlySet<string> = new Set(errorCodes);

/** True when `value` is a code from the closed list (a newer main may send codes this build does not know). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && known.has(value);
}
