import { useEffect, useState } from 'react';
import type { RetryWait, SyncProgress } from '../../../common/contract';
import { api } from '../api';
import { count } from '../shared/format';

const phaseNames = { project: 'project details', languages: 'languages', keys: 'keys', finalizing: 'finishing' } as const;

/** Why the sync is waiting, in a translator's words; the countdown follows. */
const waitReasons: Readonly<Record<RetryWait['reason'], string>> = {
  rateLimited: 'Lokalise is limiting requests',
  notAnswering: 'Lokalise is not answering',
  unreachable: 'Lokalise cannot be reached',
  serverTrouble: 'Lokalise is having a problem',
};

/** The current time, ticking every second while `active`, for a countdown. */
function useSecondTicks(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** "Lokalise is limiting requests; retrying in 12 s", counting down to the next try. */
export function retryNotice(retry: RetryWait, now: number): string {
  const seconds = Math.ceil((retry.at - now) / 1000);
  return `${waitReasons[retry.reason]}; ${seconds > 0 ? `retrying in ${seconds} s` : 'retrying now'}`;
}

/** A running sync: what, how far, and a Cancel button; the outcome of the last run when it ended. */
export function SyncProgressBar({ progress }: { progress: SyncProgress }): React.JSX.Element | null {
  const now = useSecondTicks(progress.status === 'running' && progress.retry !== null);
  if (progress.status === 'idle') return null;
  if (progress.status !== 'running') {
    const text =
      progress.status === 'done' ? 'Sync finished.' : progress.status === 'cancelled' ? (progress.message ?? 'Sync cancelled.') : `Sync failed: ${progress.message ?? 'unknown error'}`;
    return (
      <p className={`sync-outcome ${progress.status === 'failed' ? 'notice-error' : ''}`} role={progress.status === 'failed' ? 'alert' : 'status'}>
        {text}
      </p>
    );
  }
  const fraction = progress.total !== null && progress.total > 0 ? Math.min(1, progress.done / progress.total) : null;
  const phase = progress.phase === null ? '' : phaseNames[progress.phase];
  return (
    <div className="sync-progress" aria-live="polite">
      <div className="sync-progress-text">
        Syncing {progress.projectName ?? 'projects'} ({progress.projectIndex} of {progress.projectCount}): {phase}
        {progress.phase === 'keys' && ` ${progress.done.toLocaleString()}${progress.total === null ? '' : ` / ${progress.total.toLocaleString()}`}`}
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={progress.total ?? undefined}
        aria-valuenow={progress.phase === 'keys' ? progress.done : undefined}
      >
        <div className={`progress-fill ${fraction === null ? 'progress-indeterminate' : ''}`} style={{ width: `${Math.round((fraction ?? 0.3) * 100)}%` }} />
      </div>
      {progress.retry !== null && (
        <div className="sync-progress-wait" role="status">
          {retryNotice(progress.retry, now)}
        </div>
      )}
      <div className="sync-progress-facts">
        {count(progress.requests, 'request')}
        {progress.rateLimitWaitMs > 0 && ` · ${(progress.rateLimitWaitMs / 1000).toFixed(1)} s waiting on Lokalise’s rate limit`}
        <button type="button" onClick={() => void api().sync.cancel()}>
          Cancel
        </button>
      </div>
    </div>
  );
}
