/**
 * The two account actions as they touch the translator's edits (issue 19 part 2): signing out keeps every edit and
 * says how many stay; forgetting the offline library, while edits wait, offers to export them first or to discard
 * them on purpose (main refuses a plain forget then, with `edits.pending`).
 */
import { useEffect, useState } from 'react';
import { api } from '../api';
import { ConfirmDialog } from '../shared/ConfirmDialog';

/** How many edits wait in the outbox (every state); null while unknown. */
function useEditTotal(): number | null {
  const [total, setTotal] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .edits.summary(null)
      .then(
        (summary) => live && setTotal(summary.overall.total),
        () => live && setTotal(0),
      );
    return () => {
      live = false;
    };
  }, []);
  return total;
}

function editCount(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'edit' : 'edits'}`;
}

/** Confirms sign-out; `run` performs the chosen call (the caller's action runner reports failures). */
export function SignOutDialog({ run, onCancel }: { run: (action: () => Promise<unknown>) => void; onCancel: () => void }): React.JSX.Element {
  const total = useEditTotal();
  const kept = total !== null && total > 0 ? ` Your ${editCount(total)} not yet on Lokalise stay on this computer and can be pushed after you sign in again.` : '';
  return (
    <ConfirmDialog
      title="Sign out of Lokalise?"
      body={`Locdesk deletes your Lokalise tokens from this computer. Your offline library stays, and you can browse it signed out.${kept}`}
      confirmLabel="Sign out"
      onConfirm={() => run(() => api().auth.signOut())}
      onCancel={onCancel}
    />
  );
}

/**
 * Confirms forgetting the offline library. With edits waiting it says how many and offers "Export edits…" (the
 * library is forgotten after a successful export, the edits staying in their own file) or "Discard … and forget".
 */
export function ForgetDialog({ signedIn, run, onCancel, afterForget }: { signedIn: boolean; run: (action: () => Promise<unknown>) => void; onCancel: () => void; afterForget?: () => void }): React.JSX.Element {
  const total = useEditTotal();
  const done = (): void => afterForget?.();
  const body = `Every synced project, key and translation is deleted from this computer.${signedIn ? ' You stay signed in and can sync again.' : ''}`;
  if (total === null || total === 0) {
    return <ConfirmDialog title="Forget all offline data?" body={body} confirmLabel="Forget offline data" onConfirm={() => run(() => api().library.forget().then(done))} onCancel={onCancel} />;
  }
  return (
    <ConfirmDialog
      title="Forget all offline data?"
      body={`${body} You have ${editCount(total)} not yet on Lokalise. Export them first to keep them, or discard them with the library.`}
      confirmLabel={`Discard ${editCount(total)} and forget`}
      onConfirm={() => run(() => api().library.forget({ discardEdits: true }).then(done))}
      onCancel={onCancel}
      secondary={{
        label: 'Export edits, then forget…',
        onClick: () =>
          run(async () => {
            const exported = await api().edits.export(null);
            if (exported.cancelled) return;
            await api().library.forget();
            done();
          }),
      }}
    />
  );
}
