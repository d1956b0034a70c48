import { useState } from 'react';
import type { AppInfo, AuthState, Connectivity } from '../../../preload/contract';
import { api, messageOf } from '../api';
import { ConfirmDialog } from '../shared/ConfirmDialog';

type Pending = 'signOut' | 'forget' | null;

/** The app bar: name, demo and offline badges, and the account actions with their confirmations. */
export function TopBar({ auth, info, connectivity }: { auth: AuthState; info: AppInfo | null; connectivity: Connectivity | null }): React.JSX.Element {
  const [pending, setPending] = useState<Pending>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const offline = connectivity?.online === false || auth.status !== 'signedIn';
  const offlineReason = connectivity?.online === false ? (connectivity.message ?? 'Lokalise cannot be reached.') : 'Not signed in: browsing the offline library.';
  const act = (action: () => Promise<unknown>): void => {
    setPending(null);
    action().catch((error: unknown) => setProblem(messageOf(error)));
  };
  return (
    <header className="topbar">
      <span className="brand">Locdesk</span>
      {info?.mode === 'demo' && <span className="badge">Demo data</span>}
      {offline && (
        <span className="badge badge-offline" role="status" title={offlineReason}>
          Offline
        </span>
      )}
      <span className="spacer" />
      {problem !== null && (
        <span role="alert" className="topbar-problem">
          {problem}
        </span>
      )}
      {auth.status === 'signedIn' && (
        <button type="button" onClick={() => setPending('signOut')}>
          Sign out
        </button>
      )}
      <button type="button" onClick={() => setPending('forget')}>
        Forget offline data
      </button>
      {pending === 'signOut' && (
        <ConfirmDialog
          title="Sign out of Lokalise?"
          body="Locdesk deletes your Lokalise tokens from this computer. Your offline library stays, and you can browse it signed out."
          confirmLabel="Sign out"
          onConfirm={() => act(() => api().auth.signOut())}
          onCancel={() => setPending(null)}
        />
      )}
      {pending === 'forget' && (
        <ConfirmDialog
          title="Forget all offline data?"
          body="Every synced project, key and translation is deleted from this computer. You stay signed in and can sync again."
          confirmLabel="Forget offline data"
          onConfirm={() => act(() => api().library.forget())}
          onCancel={() => setPending(null)}
        />
      )}
    </header>
  );
}
