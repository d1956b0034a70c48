import { useEffect, useState } from 'react';
import type { Connectivity, ProjectSummary } from '../../../common/contract';
import { api } from '../api';
import { exactTime, relativeTime } from '../shared/format';
import { useAction } from '../shared/use-action';

/** The current time, moving once a minute, so "from 3 hours ago" stays true while the banner is up. */
function useMinuteTicks(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** "Offline — showing your copy from 3 hours ago", or what there is to show when nothing was synced. */
export function offlineHeadline(copyTakenAt: number | null, now: number): string {
  return copyTakenAt === null ? 'Offline — nothing synced yet, so only your local edits are here' : `Offline — showing your copy from ${relativeTime(copyTakenAt, now)}`;
}

/** When the newest copy in the library was taken, or null when nothing was ever synced. */
export function newestCopy(projects: readonly ProjectSummary[]): number | null {
  const times = projects.map((project) => project.sync.lastSyncedAt).filter((time) => time !== null);
  return times.length === 0 ? null : Math.max(...times);
}

/**
 * The window's word that Lokalise is unreachable, shown as soon as main knows (from the OS, a failed request or
 * its own reachability checks), not after a sync fails. It says how old the copy on screen is, why, when main
 * checks again, and offers to sync by itself once Lokalise answers; never a dialog, since being offline is a
 * state to work in, not an error.
 */
export function OfflineBanner({
  connectivity,
  copyTakenAt,
  signedIn,
}: {
  connectivity: Connectivity | null;
  /** When the copy on screen was taken: the selected project's last good sync, or null when there is none. */
  copyTakenAt: number | null;
  signedIn: boolean;
}): React.JSX.Element | null {
  const offline = connectivity?.online === false;
  const now = useMinuteTicks(offline);
  const { run, problem } = useAction();
  if (!offline) return null;
  const nextCheckAt = connectivity.nextCheckAt ?? null;
  return (
    <div className="banner banner-offline" role="status" aria-label="Offline">
      <span>
        <strong>
          {copyTakenAt === null ? (
            offlineHeadline(null, now)
          ) : (
            <>
              Offline — showing your copy from{' '}
              <time dateTime={new Date(copyTakenAt).toISOString()} title={exactTime(copyTakenAt)}>
                {relativeTime(copyTakenAt, now)}
              </time>
            </>
          )}
        </strong>
        {'. '}
        {connectivity.message ?? 'Lokalise cannot be reached.'}
        {nextCheckAt !== null && ` Locdesk checks again at ${new Date(nextCheckAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}.`}
      </span>
      {signedIn &&
        (connectivity.syncWaiting === true ? (
          <span className="hint">A sync will start by itself when Lokalise is reachable again.</span>
        ) : (
          <button type="button" onClick={() => run(() => api().sync.start(null))}>
            Sync when back online
          </button>
        ))}
      {problem !== null && <span className="hint">{problem}</span>}
    </div>
  );
}
