/**
 * IPC for `window.locdesk.auth`: sign-in through the system browser or a pasted code, and sign-out.
 * Replies carry only `AuthState`; the tokens, the code and `state` never leave main.
 */
import type { IpcRouter } from './handle';

/** Wires the `auth` calls. */
export function registerAuthCalls(router: IpcRouter): void {
  router.handle('auth', 'getState');
  router.handle('auth', 'signIn');
  router.handle('auth', 'signInManually');
  router.handle('auth', 'submitCode');
  router.handle('auth', 'cancelSignIn');
  router.handle('auth', 'copySignInLink');
  router.handle('auth', 'openSignInLink');
  router.handle('auth', 'signOut');
}
