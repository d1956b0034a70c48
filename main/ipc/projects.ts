/** IPC for `window.locdesk.projects`: the project list, refreshing it from Lokalise, and per-project choices. */
import type { IpcRouter } from './handle';

/** Wires the `projects` calls. */
export function registerProjectsCalls(router: IpcRouter): void {
  router.handle('projects', 'list');
  router.handle('projects', 'refresh');
  router.handle('projects', 'setKeepOffline');
  router.handle('projects', 'facets');
  router.handle('projects', 'contributor');
}
