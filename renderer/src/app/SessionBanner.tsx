import type { AuthState } from '../../../preload/contract';
import { api } from '../api';
import { SignInWaiting } from '../auth/SignInWaiting';

/**
 * Shown over the workspace while there is no session: the library stays browsable, and signing in again is one
 * click away. Also tells the user when the session lives in memory only.
 */
export function SessionBanner({ auth }: { auth: AuthState }): React.JSX.Element | null {
  if (auth.status === 'signedIn') {
    if (auth.persistence !== 'sessionOnly') return null;
    return (
      <div className="banner" role="status">
        <span>This computer has no keyring, so your sign-in is kept for this session only.</span>
        <button type="button" onClick={() => void api().settings.update({ allowWeakTokenStorage: true })}>
          Keep me signed in anyway
        </button>
      </div>
    );
  }
  if (auth.status === 'signingIn') {
    return (
      <div className="banner" role="status">
        <SignInWaiting state={auth} />
      </div>
    );
  }
  const message = auth.reason === 'sessionExpired' ? auth.message : (auth.message ?? 'You are not signed in. Browsing works offline; sign in to sync.');
  return (
    <div className="banner banner-warning" role="alert">
      <span>{message}</span>
      <button type="button" className="primary" onClick={() => void api().auth.signIn()}>
        Sign in again
      </button>
    </div>
  );
}
