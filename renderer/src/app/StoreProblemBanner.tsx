import { useState } from 'react';
import { api } from '../api';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { useAction } from '../shared/use-action';

/**
 * The offline library could not be opened (damaged, or written by a newer Locdesk). Starting afresh deletes it,
 * so it asks first, like "Forget offline data".
 */
export function StoreProblemBanner({ problem }: { problem: string }): React.JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const { run, problem: failure } = useAction();
  return (
    <div className="banner banner-warning" role="alert">
      <span>{problem}</span>
      <button type="button" onClick={() => setConfirming(true)}>
        Start a fresh library
      </button>
      {failure !== null && <span className="topbar-problem">{failure}</span>}
      {confirming && (
        <ConfirmDialog
          title="Start a fresh offline library?"
          body="The current offline library is deleted from this computer. Your Lokalise projects are not touched; sync them again to browse offline. Edits not yet pushed are kept in their own file."
          confirmLabel="Start afresh"
          onConfirm={() => {
            setConfirming(false);
            // Edits live apart from the damaged library and stay (discardEdits is never sent from here).
            run(() => api().library.forget().then(() => window.location.reload()));
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
