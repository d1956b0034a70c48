import { useState } from 'react';
import type { AuthState } from '../../../common/contract';
import { api } from '../api';
import { useAction } from '../shared/use-action';
import { ProblemNotice } from '../shared/ProblemNotice';

/** While the browser sign-in runs: which host the browser should show, and copy, open again and cancel. */
export function SignInWaiting({ state }: { state: AuthState }): React.JSX.Element {
  const { run, problem } = useAction();
  const [copied, setCopied] = useState(false);
  return (
    <section className="waiting" aria-label="Waiting for the browser" aria-live="polite">
      <p>
        Finish signing in in your browser{state.signInHost === null ? '' : ` at ${state.signInHost}`}. Locdesk is waiting.
        {state.signInHost !== null && ' Only continue if the address bar shows that host.'}
      </p>
      {state.staleCallbackSeen && <p className="notice">A sign-in response did not match this attempt and was ignored. If you signed in twice, use the newest browser tab.</p>}
      <div className="actions">
        <button type="button" onClick={() => run(() => api().auth.copySignInLink().then(setCopied))}>
          Copy link
        </button>
        <button type="button" onClick={() => run(() => api().auth.openSignInLink())}>
          Open again
        </button>
        <button type="button" onClick={() => run(() => api().auth.cancelSignIn())}>
          Cancel
        </button>
        {copied && <span className="hint">Link copied. Paste it into the browser you use for Lokalise.</span>}
      </div>
      <ProblemNotice problem={problem} />
    </section>
  );
}
