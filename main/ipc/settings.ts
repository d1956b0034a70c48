/** IPC for `window.locdesk.settings`: the user's in-app preferences (never endpoints or credentials). */
import type { IpcRouter } from './handle';

/** Wires the `settings` calls. */
export function registerSettingsCalls(router: IpcRouter): void {
  router.handle('settings', 'get');
  router.handle('settings', 'update');
}
