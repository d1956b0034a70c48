import { api } from '../api';
import { useAction } from '../shared/use-action';

/**
 * Shown after the core found the offline library damaged and replaced it with a fresh one (without a restart): says
 * what happened and offers the way back, a refresh of the project list (which keeps offline again the projects that
 * were) followed by a sync of them.
 */
export function LibraryNoticeBanner({ notice, canSync }: { notice: string; canSync: boolean }): React.JSX.Element {
  const { run, problem } = useAction();
  return (
    <div className="banner banner-warning" role="status">
      <span>{notice}</span>
      <button
        type="button"
        disabled={!canSync}
        title={canSync ? undefined : 'Sign in to refresh your projects.'}
        onClick={() => run(() => api().projects.refresh().then(() => api().sync.start(null)))}
      >
        Refresh and sync
      </button>
      {problem !== null && <span className="topbar-problem">{problem}</span>}
    </div>
  );
}
