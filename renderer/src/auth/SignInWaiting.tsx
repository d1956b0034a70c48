import type { AuthState } from '../../../preload/contract';
import { api } from '../api';

/** While the browser sign-in runs: where to look, and copy, open again and cancel. */
export function SignInWaiting({ state }: { state: AuthState }): React.JSX.Element {
  return (
    <section className="waiting" aria-live="polite">
      <p>
        Finish signing in in your browser{state.signInHost === null ? '' : ` at ${state.signInHost}`}. Locdesk is waiting.
      </p>
      {state.reason === 'browserFailed' && state.message !== null && <p className="notice">{state.message}</p>}
      {state.staleCallbackSeen && <p className="notice">A sign-in response did not match this attempt and was ignored. If you signed in twice, use the newest browser tab.</p>}
      <div className="actions">
        <button type="button" onClick={() => void api().auth.copySignInLink()}>
          Copy link
        </button>
        <button type="button" onClick={() => void api().auth.openSignInLink()}>
          Open again
        </button>
        <button type="button" onClick={() => void api().auth.cancelSignIn()}>
          Cancel
        </button>
      </div>
    </section>
  );
}
