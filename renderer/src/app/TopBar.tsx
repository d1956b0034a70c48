import { useState } from 'react';
import type { AppInfo, AuthState, Connectivity } from '../../../common/contract';
import { ForgetDialog, SignOutDialog } from '../edit/AccountDialogs';
import { useAction } from '../shared/use-action';

type Pending = 'signOut' | 'forget' | null;

/**
 * The app bar: name, the demo and offline badges, and the two destructive account actions, each behind its own
 * confirmation because they are easy to confuse: signing out keeps the library, forgetting keeps the session.
 */
export function TopBar({
  auth,
  info,
  connectivity,
  onRetry,
  leading,
}: {
  auth: AuthState;
  info: AppInfo | null;
  connectivity: Connectivity | null;
  /** Tries Lokalise again now, rather than waiting for main's next reachability check. */
  onRetry: () => void;
  /** Controls before the app's name (the Projects button of narrow windows). */
  leading?: React.ReactNode;
}): React.JSX.Element {
  const [pending, setPending] = useState<Pending>(null);
  const { run, problem } = useAction();
  const signedIn = auth.status === 'signedIn';
  const unreachable = connectivity?.online === false;
  const offline = unreachable || !signedIn;
  const offlineReason = unreachable ? (connectivity.message ?? 'Lokalise cannot be reached.') : 'Not signed in: browsing the offline library.';
  const confirm = (action: () => Promise<unknown>): void => {
    setPending(null);
    run(action);
  };
  return (
    <header className="topbar">
      {leading}
      <span className="brand">Locdesk</span>
      {info?.mode === 'demo' && <span className="badge badge-demo">Demo data</span>}
      {offline && (
        <span className="badge badge-offline" role="status" title={offlineReason}>
          Offline<span className="visually-hidden">: {offlineReason}</span>
        </span>
      )}
      {unreachable && signedIn && (
        <button type="button" className="link" onClick={onRetry}>
          Try again
        </button>
      )}
      <span className="spacer" />
      {problem !== null && (
        <span role="alert" className="topbar-problem">
          {problem}
        </span>
      )}
      {signedIn && (
        <button type="button" onClick={() => setPending('signOut')}>
          Sign out
        </button>
      )}
      <button type="button" onClick={() => setPending('forget')}>
        Forget offline data
      </button>
      {pending === 'signOut' && <SignOutDialog run={confirm} onCancel={() => setPending(null)} />}
      {pending === 'forget' && <ForgetDialog signedIn={signedIn} run={confirm} onCancel={() => setPending(null)} />}
    </header>
  );
}
