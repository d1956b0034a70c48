/**
 * The write path's part of the app shell: the push bar under the top bar and, when asked, the changes panel. Kept
 * in one component so `App` gains one line, and the counts, the push status and the panel's open state live here.
 */
import { useState } from 'react';
import type { Connectivity, ProjectSummary } from '../../../common/contract';
import { ChangesPanel } from './ChangesPanel';
import { PushBar } from './PushBar';
import { useEditSummary, usePushStatus } from './use-edits';

/** Why a push cannot start now, in the translator's words; null when it can. */
export function pushBlockedReason(signedIn: boolean, connectivity: Connectivity | null): string | null {
  if (!signedIn) return 'Sign in to push: your changes stay saved on this computer.';
  if (connectivity?.online === false) return 'Offline: your changes stay saved on this computer and can be pushed when Lokalise is reachable.';
  return null;
}

export function EditsShell({ projects, signedIn, connectivity }: { projects: readonly ProjectSummary[]; signedIn: boolean; connectivity: Connectivity | null }): React.JSX.Element {
  const summary = useEditSummary(null);
  const push = usePushStatus();
  const [reviewing, setReviewing] = useState(false);
  return (
    <>
      <PushBar counts={summary?.overall ?? null} push={push} blockedReason={pushBlockedReason(signedIn, connectivity)} onReview={() => setReviewing(true)} />
      {reviewing && <ChangesPanel projects={projects} onClose={() => setReviewing(false)} />}
    </>
  );
}
