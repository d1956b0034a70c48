/** IPC for `window.locdesk.library`: removing the offline copy of everything from this machine. */
import type { IpcRouter } from './handle';

/** Wires the `library` calls. */
export function registerLibraryCalls(router: IpcRouter): void {
  router.handle('library', 'forget');
}
