import { useState } from 'react';
import { useAppInfo, useConnectivity } from './app/use-app-info';
import { SessionBanner } from './app/SessionBanner';
import { LibraryNoticeBanner } from './app/LibraryNoticeBanner';
import { newestCopy, OfflineBanner } from './app/OfflineBanner';
import { StoreProblemBanner } from './app/StoreProblemBanner';
import { TopBar } from './app/TopBar';
import { UpdateStatus } from './app/UpdateStatus';
import { SignIn } from './auth/SignIn';
import { EditsShell } from './edit/EditsShell';
import { useAuthState } from './auth/use-auth-state';
import { prefetchFirstPage } from './keys/first-page-prefetch';
import { ProjectView } from './keys/ProjectView';
import { ProjectSidebar } from './projects/ProjectSidebar';
import { useProjects } from './projects/use-projects';
import { syncBlockedReason } from './projects/sync-blocked';
import { useSyncProgress } from './projects/use-sync-progress';
import { ProblemNotice } from './shared/ProblemNotice';

/**
 * The whole app: the sign-in screen while there is neither a session nor an offline library, otherwise the
 * workspace (projects on the left, keys in the middle, details on the right), which stays browsable offline
 * and signed out.
 */
export function App({ viewportHeight }: { viewportHeight?: number }): React.JSX.Element {
  const auth = useAuthState();
  const info = useAppInfo();
  const connectivity = useConnectivity();
  const progress = useSyncProgress();
  const signedIn = auth?.status === 'signedIn';
  const online = connectivity?.online !== false;
  const { projects, problem, version, refresh, replace } = useProjects(signedIn, online);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Narrow windows fold the project list away; this opens it as an overlay (styles.css decides when it folds).
  const [projectsOpen, setProjectsOpen] = useState(false);

  if (auth === null || projects === null) return <main className="loading" aria-busy="true" aria-label="Loading" />;
  if (!signedIn && projects.length === 0) return <SignIn state={auth} info={info} />;
  // The chosen project, or the first one while none is chosen (or the chosen one is gone): derived during render,
  // not set by an effect, so the first project's keys are asked for in the same commit that shows the list.
  const selected = projects.find((project) => project.projectId === selectedId) ?? projects[0] ?? null;
  const syncBlocked = syncBlockedReason(signedIn, connectivity);
  // The copy on screen is the selected project's; with none selected, the newest one the library holds.
  const copyTakenAt = selected === null ? newestCopy(projects) : selected.sync.lastSyncedAt;
  return (
    <div className={`workspace${projectsOpen ? ' projects-open' : ''}`}>
      <TopBar
        auth={auth}
        info={info}
        connectivity={connectivity}
        onRetry={refresh}
        leading={
          <button type="button" className="narrow-only" aria-expanded={projectsOpen} aria-controls="project-sidebar" onClick={() => setProjectsOpen(!projectsOpen)}>
            Projects
          </button>
        }
      />
      <OfflineBanner connectivity={connectivity} copyTakenAt={copyTakenAt} signedIn={signedIn} />
      <SessionBanner auth={auth} info={info} />
      {info?.storeProblem !== null && info?.storeProblem !== undefined && <StoreProblemBanner problem={info.storeProblem} />}
      {info?.libraryNotice !== null && info?.libraryNotice !== undefined && <LibraryNoticeBanner notice={info.libraryNotice} canSync={signedIn} />}
      <EditsShell projects={projects} signedIn={signedIn} connectivity={connectivity} />
      <ProblemNotice problem={problem} />
      <div className="workspace-body">
        <ProjectSidebar
          projects={projects}
          selectedId={selected?.projectId ?? null}
          onSelect={(projectId) => {
            const chosen = projects.find((project) => project.projectId === projectId);
            if (chosen !== undefined && chosen.projectId !== selected?.projectId) prefetchFirstPage(chosen);
            setSelectedId(projectId);
            setProjectsOpen(false);
          }} progress={progress} syncBlocked={syncBlocked} onProjectChanged={replace} />
        <main className="content">
          {selected === null ? (
            <p className="empty">Choose a project.</p>
          ) : (
            <ProjectView project={selected} reloadToken={version} viewportHeight={viewportHeight} />
          )}
        </main>
      </div>
      <UpdateStatus />
    </div>
  );
}
