/** IPC for `window.locdesk.app`: version and mode, reachability, allowlisted links, copying text, and updates. */
import type { IpcRouter } from './handle';

/** Wires the `app` calls; the core checks `openExternal` URLs against the link allowlist before opening. */
export function registerAppCalls(router: IpcRouter): void {
  router.handle('app', 'info');
  router.handle('app', 'connectivity');
  router.handle('app', 'openExternal');
  router.handle('app', 'copyText');
  router.handle('app', 'updateState');
  router.handle('app', 'restartToUpdate');
}
