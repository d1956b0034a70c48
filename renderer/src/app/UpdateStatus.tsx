import { useEffect, useState } from 'react';
import { api } from '../api';
import { useAction } from '../shared/use-action';
import { useUpdateState } from './use-update-state';

/**
 * A quiet status line at the foot of the workspace: the version and where updates stand, a "Restart now" button
 * once an update is ready ("Update ready — restart"), and the switch for automatic updates. Nothing here interrupts
 * the translator: a ready update also installs by itself when Locdesk quits.
 */
export function UpdateStatus(): React.JSX.Element | null {
  const [state, setState] = useUpdateState();
  const [automatic, setAutomatic] = useState<boolean | null>(null);
  const { run, problem } = useAction();

  useEffect(() => {
    void api()
      .settings.get()
      .then((settings) => setAutomatic(settings.automaticUpdates))
      .catch(() => undefined);
  }, []);

  if (state === null) return null;
  const ready = state.status === 'ready';
  // The switch only matters where the user's choice decides; the demo, development runs and builds that cannot
  // update themselves say why instead.
  const switchable = state.status !== 'disabled' || state.disabledReason === 'setting';
  return (
    <footer className={`update-status${ready ? ' update-ready' : ''}`} aria-label="Updates">
      <span role="status">{state.message}</span>
      {ready && !state.restartPending && (
        <button type="button" className="primary" onClick={() => run(() => api().app.restartToUpdate().then(setState))}>
          Restart now
        </button>
      )}
      {problem !== null && <span className="topbar-problem">{problem}</span>}
      <span className="spacer" />
      {switchable && automatic !== null && (
        <label className="update-switch">
          <input
            type="checkbox"
            checked={automatic}
            onChange={(event) => {
              const next = event.target.checked;
              setAutomatic(next);
              run(() => api().settings.update({ automaticUpdates: next }).then((settings) => setAutomatic(settings.automaticUpdates)));
            }}
          />
          Update automatically
        </label>
      )}
    </footer>
  );
}
