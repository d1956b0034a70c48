import type { AppInfo, AuthState } from '../../../common/contract';
import { api } from '../api';
import { useAction } from '../shared/use-action';
import { PasteCodeForm } from './PasteCodeForm';
import { ReasonNotice } from './ReasonNotice';
import { guideFor } from './reasons';
import { SignInWaiting } from './SignInWaiting';
import { ProblemNotice } from '../shared/ProblemNotice';

/** A configuration problem, prominently, with what to do about it. */
function ConfigurationProblem({ problem }: { problem: string }): React.JSX.Element {
  return (
    <div role="alert" className="notice notice-error configuration-problem">
      <strong>Locdesk is not fully set up.</strong> <span>{problem}</span>
      <p className="hint">
        Whoever installed Locdesk can fix this in the environment or the settings file (see the README). Projects already in your offline library stay
        browsable.
      </p>
    </div>
  );
}

/**
 * The sign-in screen, shown while there is neither a session nor an offline library: one button to the system
 * browser, the waiting state, the paste-code fallback, and for every reason the last attempt ended, its own
 * message and way forward.
 */
export function SignIn({ state, info }: { state: AuthState; info: AppInfo | null }): React.JSX.Element {
  const { run, problem } = useAction();
  const waiting = state.status === 'signingIn';
  const configProblem = info?.configProblem ?? null;
  // The configuration block already says what configMissing would say.
  const showReason = state.reason !== null && !(state.reason === 'configMissing' && configProblem !== null);
  const pasteFirst = state.reason !== null && guideFor(state.reason).action === 'pasteCode';
  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">
        Locdesk {info?.mode === 'demo' && <span className="badge badge-demo">Demo data</span>}
      </h1>
      <p className="lead">Browse and search your Lokalise projects, online or off.</p>
      {configProblem !== null && <ConfigurationProblem problem={configProblem} />}
      {showReason && <ReasonNotice state={state} />}
      {!waiting && (
        <div className="actions">
          <button type="button" className={pasteFirst ? '' : 'primary'} onClick={() => run(() => api().auth.signIn())}>
            Sign in with Lokalise
          </button>
          <button type="button" className={pasteFirst ? 'primary' : 'link'} onClick={() => run(() => api().auth.signInManually())}>
            Paste a code instead
          </button>
        </div>
      )}
      {!waiting && info !== null && <p className="hint">Your browser opens {info.authHost}. Locdesk never sees your Lokalise password.</p>}
      {waiting && state.mode === 'manual' && <PasteCodeForm />}
      {waiting && state.mode !== 'manual' && <SignInWaiting state={state} />}
      <ProblemNotice problem={problem} />
    </main>
  );
}
