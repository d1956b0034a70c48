/** IPC for `window.locdesk.qa`: project-wide QA scans, their status and counts, and each project's checks. */
import type { IpcRouter } from './handle';

/** Wires the `qa` calls; project ids, language lists and settings are checked against the contract first. */
export function registerQaCalls(router: IpcRouter): void {
  router.handle('qa', 'status');
  router.handle('qa', 'scan');
  router.handle('qa', 'cancel');
  router.handle('qa', 'settings');
  router.handle('qa', 'updateSettings');
}
