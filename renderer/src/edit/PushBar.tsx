/**
 * "Push N changes", always in sight while edits wait (issue 19 part 3): the count, the push's progress with a cancel
 * button, why pushing is not possible right now (offline, signed out), the outcome of the last push, and the way to
 * the edits that need the translator (conflicts, QA holds, orphaned and refused edits).
 */
import { useEffect, useState } from 'react';
import type { EditCounts, PushStatus } from '../../../common/contract';
import { api } from '../api';
import { useAction } from '../shared/use-action';

export interface PushBarProps {
  readonly counts: EditCounts | null;
  readonly push: PushStatus | null;
  /** Why pushing is impossible now (offline, signed out), or null when it can start. */
  readonly blockedReason: string | null;
  /** Opens the changes panel (conflicts, holds, orphaned, refused, warnings). */
  readonly onReview: () => void;
}

const retryWords = { rateLimited: 'Lokalise asked to slow down', notAnswering: 'Lokalise is not answering', unreachable: 'Lokalise cannot be reached', serverTrouble: 'Lokalise has a problem' } as const;

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

function outcome(push: PushStatus): string {
  const parts = [`${plural(push.pushed, 'change', 'changes')} pushed`];
  if (push.alreadyThere > 0) parts.push(`${push.alreadyThere.toLocaleString()} already on Lokalise`);
  if (push.conflicts > 0) parts.push(plural(push.conflicts, 'conflict', 'conflicts'));
  if (push.held > 0) parts.push(`${push.held.toLocaleString()} held by QA`);
  if (push.warnings > 0) parts.push(`${push.warnings.toLocaleString()} pushed with QA warnings`);
  if (push.orphaned > 0) parts.push(`${push.orphaned.toLocaleString()} orphaned`);
  if (push.rejected > 0) parts.push(`${push.rejected.toLocaleString()} refused`);
  return parts.join(' · ');
}

/** The push bar; renders nothing while there is nothing to push, review or report. */
export function PushBar({ counts, push: followed, blockedReason, onReview }: PushBarProps): React.JSX.Element | null {
  const { run, problem } = useAction();
  // The answer of `edits.push` counts until the next progress event: a push refused at once sends no event.
  const [answer, setAnswer] = useState<PushStatus | null>(null);
  useEffect(() => setAnswer(null), [followed]);
  const push = answer ?? followed;
  const running = push?.status === 'running';
  const pending = counts?.pending ?? 0;
  const needsYou = (counts?.conflict ?? 0) + (counts?.held ?? 0) + (counts?.orphaned ?? 0) + (counts?.rejected ?? 0);
  const finished = push !== null && (push.status === 'done' || push.status === 'failed' || push.status === 'cancelled') && push.total > 0;
  const failure = push?.status === 'failed' ? push.message : null;
  if (!running && pending === 0 && needsYou === 0 && !finished && problem === null) return null;
  return (
    <section className="push-bar" aria-label="Changes to push">
      {running ? (
        <div className="push-progress">
          <span role="status">
            Pushing {push.done.toLocaleString()} of {plural(push.total, 'change', 'changes')}…
            {push.retry !== null && ` ${retryWords[push.retry.reason]}; trying again at ${new Date(push.retry.at).toLocaleTimeString()}.`}
          </span>
          <div className="progress-track push-track" role="progressbar" aria-label="Push progress" aria-valuemin={0} aria-valuemax={push.total} aria-valuenow={push.done}>
            <div className="progress-fill" style={{ width: `${push.total === 0 ? 0 : Math.round((push.done / push.total) * 100)}%` }} />
          </div>
          <button type="button" onClick={() => run(() => api().edits.cancelPush())}>
            Cancel push
          </button>
        </div>
      ) : (
        <>
          <span className="push-count" role="status">
            {pending > 0 ? `${plural(pending, 'change', 'changes')} saved on this computer, not pushed yet.` : finished ? `Last push: ${outcome(push)}.` : 'Nothing waiting to be pushed.'}
            {pending > 0 && finished && <span className="hint"> Last push: {outcome(push)}.</span>}
          </span>
          {failure !== null && (
            <span className="push-problem" role="alert">
              {failure}
            </span>
          )}
          {pending > 0 && (
            <button type="button" className="primary" disabled={blockedReason !== null} aria-describedby={blockedReason !== null ? 'push-blocked' : undefined} onClick={() => run(async () => setAnswer(await api().edits.push(null, null)))}>
              Push {plural(pending, 'change', 'changes')}
            </button>
          )}
          {pending > 0 && blockedReason !== null && (
            <span id="push-blocked" className="hint">
              {blockedReason}
            </span>
          )}
        </>
      )}
      {needsYou > 0 && (
        <button type="button" onClick={onReview}>
          Review {plural(needsYou, 'change that needs', 'changes that need')} you
        </button>
      )}
      {needsYou === 0 && pending > 0 && !running && (
        <button type="button" className="link" onClick={onReview}>
          Review changes
        </button>
      )}
      {problem !== null && <span role="alert" className="push-problem">{problem}</span>}
    </section>
  );
}
