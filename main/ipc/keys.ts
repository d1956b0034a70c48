/** IPC for `window.locdesk.keys`: paged, filtered key queries, single-key detail, and opening a key in Lokalise. */
import type { IpcRouter } from './handle';

/** Wires the `keys` calls; queries are bounded by the contract (limit, search length) before they reach SQLite. */
export function registerKeysCalls(router: IpcRouter): void {
  router.handle('keys', 'page');
  router.handle('keys', 'detail');
  router.handle('keys', 'openInLokalise');
}
