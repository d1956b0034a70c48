import { useEffect, useState } from 'react';
import type { KeyQaFilter, QaProgress, QaStatus } from '../../../common/contract-qa';
import { QA_CHECKS } from '../../../common/qa';
import { api } from '../api';

/** What the menu offers: every key, keys with any local QA issue, or keys with an issue of one check. */
function optionLabel(title: string, count: number | null): string {
  return count === null ? title : `${title} (${count.toLocaleString()})`;
}

/** The scan's progress in words, while it runs. */
function progressText(progress: QaProgress): string | null {
  if (progress.status !== 'running') return progress.status === 'failed' ? (progress.message ?? 'The QA checks could not finish.') : null;
  if (progress.total === 0) return 'Checking…';
  return `Checking ${Math.floor((progress.done / progress.total) * 100)}%`;
}

/**
 * The grid's QA filter (issue 20, part 4): a menu of "any local QA issue" and each check, with how many keys each
 * would show in the target languages on screen, from the project's background scan. The counts refresh when a scan
 * of this project ends or the library changes; while a scan runs, its progress shows beside the menu.
 */
export function QaFilter({
  waiting = false,
  projectId,
  targetIsos,
  value,
  onChange,
  reloadToken,
}: {
  /** While true the counts are not asked for yet (the grid's first page goes first); the menu already filters. */
  waiting?: boolean;
  projectId: string;
  targetIsos: readonly string[];
  value: KeyQaFilter | null;
  onChange: (next: KeyQaFilter | null) => void;
  reloadToken: number;
}): React.JSX.Element {
  const [status, setStatus] = useState<QaStatus | null>(null);
  const [progress, setProgress] = useState<QaProgress | null>(null);
  const [finishedScans, setFinishedScans] = useState(0);
  const languages = targetIsos.join(',');

  useEffect(() => {
    if (waiting) return undefined;
    let live = true;
    api()
      .qa.status(projectId, languages === '' ? [] : languages.split(','))
      .then((loaded) => {
        if (!live) return;
        setStatus(loaded);
        setProgress(loaded.progress);
      })
      .catch(() => {
        // No counts (the library is unavailable, say): the menu still filters, without numbers.
        if (live) setStatus(null);
      });
    return () => {
      live = false;
    };
  }, [waiting, projectId, languages, reloadToken, finishedScans]);

  useEffect(
    () =>
      api().qa.onProgress((next) => {
        if (next.projectId !== projectId) return;
        setProgress(next);
        if (next.status !== 'running') setFinishedScans((count) => count + 1);
      }),
    [projectId],
  );

  const counts = status?.counts ?? null;
  const note = progress === null ? null : progressText(progress);
  return (
    <label>
      QA
      <select
        aria-label="QA filter"
        value={value ?? ''}
        onChange={(event) => {
          const chosen = event.target.value;
          onChange(chosen === '' ? null : chosen === 'any' ? 'any' : (QA_CHECKS.find((check) => check.id === chosen)?.id ?? null));
        }}
      >
        <option value="">All keys</option>
        <option value="any">{optionLabel('Any QA issue', counts?.any ?? null)}</option>
        {QA_CHECKS.map((check) => (
          <option key={check.id} value={check.id} title={check.description}>
            {optionLabel(check.title, counts?.byCheck[check.id] ?? null)}
          </option>
        ))}
      </select>
      {note !== null && (
        <span className="hint" aria-live="polite">
          {note}
        </span>
      )}
    </label>
  );
}
