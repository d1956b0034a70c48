import { useState } from 'react';
import type { ProjectSummary, SyncProgress } from '../../../common/contract';
import { api } from '../api';
import { useAction } from '../shared/use-action';
import { ProjectCard } from './ProjectCard';
import { SyncProgressBar } from './SyncProgressBar';
import { ProblemNotice } from '../shared/ProblemNotice';

/**
 * The left sidebar: the projects with a name filter, "Sync all" and the progress of the running sync. Works from
 * the offline library, so it stays usable without a network or a session (syncing then is disabled).
 */
export function ProjectSidebar({
  projects,
  selectedId,
  onSelect,
  progress,
  syncBlocked,
  onProjectChanged,
}: {
  projects: readonly ProjectSummary[];
  selectedId: string | null;
  onSelect: (projectId: string) => void;
  progress: SyncProgress | null;
  /** Why syncing is impossible now (offline, signed out), shown on the disabled buttons; null when it is possible. */
  syncBlocked: string | null;
  /** A project changed here (keep offline), so the list can show it without reloading. */
  onProjectChanged: (project: ProjectSummary) => void;
}): React.JSX.Element {
  const [filter, setFilter] = useState('');
  const { run, problem } = useAction();
  const needle = filter.trim().toLocaleLowerCase();
  const shown = projects.filter((project) => needle === '' || project.name.toLocaleLowerCase().includes(needle));
  const syncing = progress?.status === 'running';
  const kept = projects.filter((project) => project.keepOffline).length;
  const blockedId = 'sync-blocked-reason';
  return (
    <aside className="sidebar" id="project-sidebar" aria-label="Projects">
      <div className="sidebar-head">
        <input type="search" aria-label="Filter projects" placeholder="Filter projects" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <button
          type="button"
          className="primary"
          disabled={syncing || syncBlocked !== null}
          title={syncBlocked ?? (kept > 0 ? `Syncs the ${kept} projects kept offline` : 'Syncs every project')}
          aria-describedby={syncBlocked === null ? undefined : blockedId}
          onClick={() => run(() => api().sync.start(null))}
        >
          Sync all
        </button>
      </div>
      {syncBlocked !== null && (
        <span id={blockedId} className="visually-hidden">
          {syncBlocked}
        </span>
      )}
      <ProblemNotice problem={problem} />
      {progress !== null && <SyncProgressBar progress={progress} />}
      {shown.length === 0 ? (
        <p className="empty">{projects.length === 0 ? 'No projects yet. Sign in to load your projects.' : 'No project matches this filter.'}</p>
      ) : (
        <ul className="project-list">
          {shown.map((project) => (
            <ProjectCard
              key={project.projectId}
              project={project}
              selected={project.projectId === selectedId}
              syncing={syncing}
              active={syncing && progress.projectId === project.projectId}
              syncBlocked={syncBlocked}
              blockedId={blockedId}
              onSelect={() => onSelect(project.projectId)}
              onChanged={onProjectChanged}
            />
          ))}
        </ul>
      )}
    </aside>
  );
}
