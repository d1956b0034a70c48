import type { ProjectSummary, SyncChanges } from '../../../common/contract';
import { api } from '../api';
import { count, exactTime, relativeTime } from '../shared/format';
import { useAction } from '../shared/use-action';
import { ProblemNotice } from '../shared/ProblemNotice';

const statusText = { never: 'Not synced yet', ok: 'Synced', failed: 'Last sync failed', cancelled: 'Last sync cancelled', running: 'Syncing…' } as const;

/** What the last incremental resync changed, as the card says it: "12 keys updated, 3 added, 1 removed". */
export function changesText(changes: SyncChanges): string {
  const { updated, added, removed } = changes;
  if (updated + added + removed === 0) return 'No changes since the last sync';
  return `${count(updated, 'key')} updated, ${added.toLocaleString()} added, ${removed.toLocaleString()} removed`;
}

/** One project in the sidebar: facts, keep-offline switch, last sync, and its own Sync button. */
export function ProjectCard({
  project,
  selected,
  syncing,
  active,
  syncBlocked,
  blockedId,
  onSelect,
  onChanged,
}: {
  project: ProjectSummary;
  selected: boolean;
  syncing: boolean;
  /** This project is the one the running sync is working on. */
  active: boolean;
  /** Why syncing is impossible now; null when it is possible. */
  syncBlocked: string | null;
  /** The id of the element that says `syncBlocked`, for the disabled button's accessible description. */
  blockedId?: string;
  onSelect: () => void;
  onChanged: (project: ProjectSummary) => void;
}): React.JSX.Element {
  const { run, problem } = useAction();
  const base = project.languages.find((language) => language.iso === project.baseLanguageIso);
  return (
    <li className={`project ${selected ? 'project-selected' : ''}`}>
      <button type="button" className="project-open" aria-current={selected ? 'true' : undefined} onClick={onSelect}>
        <span className="project-name">{project.name}</span>
        {project.description !== '' && <span className="project-description">{project.description}</span>}
      </button>
      <div className="project-facts">
        <span title="Translated, across all languages">{project.progressPercent}% translated</span>
        <span>{count(project.keysTotal, 'key')}</span>
        <span>{count(project.languageCount, 'language')}</span>
        {project.baseLanguageIso !== null && <span title="Base language">{base?.name ?? project.baseLanguageIso}</span>}
        {project.teamName !== null && <span>{project.teamName}</span>}
      </div>
      {project.sync.status === 'ok' && !active && project.sync.changes !== null && project.sync.changes !== undefined && (
        <p className="project-changes">{changesText(project.sync.changes)}</p>
      )}
      {project.access === 'lost' && <p className="notice">You no longer have access to this project in Lokalise. Its offline copy is kept.</p>}
      <div className="project-sync">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            aria-label={`Keep ${project.name} offline`}
            checked={project.keepOffline}
            onChange={(event) => {
              const keep = event.target.checked;
              run(() => api().projects.setKeepOffline(project.projectId, keep).then(onChanged));
            }}
          />
          Keep offline
        </label>
        <span className={`sync-state sync-${project.sync.status}`} title={project.sync.lastError ?? undefined}>
          {active ? statusText.running : statusText[project.sync.status]}
          {project.sync.lastSyncedAt !== null && (
            <>
              {/* After a failure the time is the last good copy's, and says so rather than look like the failure's. */}
              {project.sync.status === 'failed' && !active ? ' · your copy is from ' : ' · '}
              <time dateTime={new Date(project.sync.lastSyncedAt).toISOString()} title={exactTime(project.sync.lastSyncedAt)}>
                {relativeTime(project.sync.lastSyncedAt)}
              </time>
            </>
          )}
        </span>
        <button
          type="button"
          disabled={syncing || syncBlocked !== null || project.access === 'lost'}
          title={syncBlocked ?? undefined}
          aria-describedby={syncBlocked === null ? undefined : blockedId}
          onClick={() => run(() => api().sync.start([project.projectId]))}
          aria-label={`Sync ${project.name}`}
        >
          Sync
        </button>
      </div>
      <ProblemNotice problem={problem} />
    </li>
  );
}
