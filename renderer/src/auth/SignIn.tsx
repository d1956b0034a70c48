import { useState } from 'react';
import type { AppInfo, AuthState } from '../../../preload/contract';
import { api, messageOf } from '../api';
import { SignInWaiting } from './SignInWaiting';

/** The sign-in screen: one button to the system browser, the waiting state, and the paste-code fallback. */
export function SignIn({ state, info }: { state: AuthState; info: AppInfo | null }): React.JSX.Element {
  const [problem, setProblem] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const run = (action: () => Promise<unknown>): void => {
    setProblem(null);
    action().catch((error: unknown) => setProblem(messageOf(error)));
  };
  const waiting = state.status === 'signingIn';
  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Locdesk</h1>
      <p className="lead">Browse and search your Lokalise projects, online or off.</p>
      {info?.configProblem !== null && info?.configProblem !== undefined && (
        <p role="alert" className="notice notice-error">{info.configProblem}</p>
      )}
      {state.message !== null && state.status !== 'signedIn' && (
        <p role={state.status === 'error' ? 'alert' : 'status'} className={`notice ${state.status === 'error' ? 'notice-error' : ''}`}>
          {state.message}
        </p>
      )}
      {!waiting && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => run(() => api().auth.signIn())}>
            Sign in with Lokalise
          </button>
          <button type="button" className="link" onClick={() => run(() => api().auth.signInManually())}>
            Paste a code instead
          </button>
        </div>
      )}
      {waiting && state.mode === 'loopback' && <SignInWaiting state={state} />}
      {waiting && state.mode === 'manual' && (
        <form
          className="waiting"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => api().auth.submitCode(code));
          }}
        >
          <label htmlFor="sign-in-code">Code shown by Lokalise</label>
          <input id="sign-in-code" value={code} onChange={(event) => setCode(event.target.value)} autoComplete="off" spellCheck={false} />
          <p className="hint">Only paste a code that Lokalise showed you in your own browser. Never paste a code someone sent you.</p>
          <div className="actions">
            <button type="submit" className="primary">Sign in</button>
            <button type="button" onClick={() => run(() => api().auth.cancelSignIn())}>Cancel</button>
          </div>
        </form>
      )}
      {problem !== null && <p role="alert" className="notice notice-error">{problem}</p>}
    </main>
  );
}
