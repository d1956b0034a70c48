/**
 * IPC for `window.locdesk.edits`: committing offline edits, listing and counting them, pushing, settling conflicts,
 * discarding, confirming QA holds and exporting. Every call goes through the shared router (sender check, argument
 * validation against the contract); the export's file path comes from main's save dialog, never from the renderer.
 */
import type { IpcRouter } from './handle';

/** Wires the `edits` calls. */
export function registerEditsCalls(router: IpcRouter): void {
  for (const method of ['commit', 'list', 'summary', 'push', 'cancelPush', 'pushStatus', 'resolve', 'resolveMany', 'discard', 'confirmQa', 'export'] as const) {
    router.handle('edits', method);
  }
}
