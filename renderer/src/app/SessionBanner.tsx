import { useState } from 'react';
import type { AppInfo, AuthState } from '../../../common/contract';
import { api, messageOf } from '../api';
import { PasteCodeForm } from '../auth/PasteCodeForm';
import { ReasonNotice } from '../auth/ReasonNotice';
import { guideFor } from '../auth/reasons';
import { SignInWaiting } from '../auth/SignInWaiting';
import { useAction } from '../shared/use-action';

/** The session lives in memory only (no keyring): say so, and offer the weaker-storage opt-in from the settings. */
function SessionOnlyNotice(): React.JSX.Element {
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <div className="banner" role="status">
      <span>
        This computer has no keyring, so your sign-in is kept for this session only: after a restart you sign in again. You can let Locdesk store it
        with weaker, fixed-key encryption instead.
      </span>
      {outcome === null ? (
        <button
          type="button"
          onClick={() => {
            // Main asks the user in its own dialog and answers with the settings as they are afterwards.
            api()
              .settings.update({ allowWeakTokenStorage: true })
              .then((settings) =>
                setOutcome(
                  settings.allowWeakTokenStorage
                    ? 'Done: Locdesk will remember your next sign-in on this computer.'
                    : 'Nothing changed: your sign-in stays for this session only.',
                ),
              )
              .catch((error: unknown) => setOutcome(messageOf(error)));
          }}
        >
          Keep me signed in anyway
        </button>
      ) : (
        <span className="hint">{outcome}</span>
      )}
    </div>
  );
}

/**
 * Shown above the workspace whenever the session needs attention: no session (expired, revoked, signed out), a
 * sign-in running, or a session kept in memory only. The offline library stays browsable underneath, so
 * signing in again is offered, never forced.
 */
export function SessionBanner({ auth, info }: { auth: AuthState; info: AppInfo | null }): React.JSX.Element | null {
  if (auth.status === 'signedIn' && auth.reason === 'scopeMissing') return <ScopeMissingBanner auth={auth} />;
  if (auth.status === 'signedIn') return auth.persistence === 'sessionOnly' ? <SessionOnlyNotice /> : null;
  if (auth.status === 'signingIn') {
    return (
      <div className="banner banner-column">
        <ReasonNotice state={auth} />
        {auth.mode === 'manual' ? <PasteCodeForm /> : <SignInWaiting state={auth} />}
      </div>
    );
  }
  return <SignedOutBanner auth={auth} info={info} />;
}

/** Signed in, but without a permission Locdesk needs (main's sentence names it): the way back is a new sign-in. */
function ScopeMissingBanner({ auth }: { auth: AuthState }): React.JSX.Element {
  const { run, problem } = useAction();
  const guide = guideFor('scopeMissing');
  return (
    <div className="banner banner-warning" role="alert">
      <span>
        <strong>{guide.headline}.</strong> {auth.message ?? guide.fallback}
      </span>
      <button type="button" className="primary" onClick={() => run(() => api().auth.signIn())}>
        Sign in again
      </button>
      {problem !== null && <span className="topbar-problem">{problem}</span>}
    </div>
  );
}

/** No session: why, and the ways back in. */
function SignedOutBanner({ auth, info }: { auth: AuthState; info: AppInfo | null }): React.JSX.Element {
  const { run, problem } = useAction();
  const guide = auth.reason === null ? null : guideFor(auth.reason);
  return (
    <div className="banner banner-warning" role={guide === null ? 'status' : 'alert'}>
      <span>
        {guide === null ? (
          'You are not signed in. Browsing the offline library works; sign in to sync.'
        ) : (
          <>
            <strong>{guide.headline}.</strong> {auth.message ?? guide.fallback}
          </>
        )}
        {info?.configProblem !== null && info?.configProblem !== undefined && <> {info.configProblem}</>}
      </span>
      <button type="button" className={guide?.action === 'pasteCode' ? '' : 'primary'} onClick={() => run(() => api().auth.signIn())}>
        Sign in again
      </button>
      <button type="button" className={guide?.action === 'pasteCode' ? 'primary' : 'link'} onClick={() => run(() => api().auth.signInManually())}>
        Paste a code instead
      </button>
      {problem !== null && <span className="topbar-problem">{problem}</span>}
    </div>
  );
}
