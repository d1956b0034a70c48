/** IPC for `window.locdesk.sync`: starting, cancelling and observing a sync; progress itself arrives as events. */
import type { IpcRouter } from './handle';

/** Wires the `sync` calls. */
export function registerSyncCalls(router: IpcRouter): void {
  router.handle('sync', 'start');
  router.handle('sync', 'startFull');
  router.handle('sync', 'cancel');
  router.handle('sync', 'status');
}
