import { useEffect, useState } from 'react';
import { api } from './api';
import { useAppInfo, useConnectivity } from './app/use-app-info';
import { SessionBanner } from './app/SessionBanner';
import { TopBar } from './app/TopBar';
import { SignIn } from './auth/SignIn';
import { useAuthState } from './auth/use-auth-state';
import { ProjectView } from './keys/ProjectView';
import { ProjectSidebar } from './projects/ProjectSidebar';
import { useProjects } from './projects/use-projects';
import { useSyncProgress } from './projects/use-sync-progress';

/** The whole app: the sign-in screen until there is a session or a library, then the workspace. */
export function App(): React.JSX.Element {
  const auth = useAuthState();
  const info = useAppInfo();
  const connectivity = useConnectivity();
  const progress = useSyncProgress();
  const signedIn = auth?.status === 'signedIn';
  const { projects, problem, version } = useProjects(signedIn);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    if (projects !== null && projects.length > 0 && (selectedId === null || !projects.some((project) => project.projectId === selectedId))) {
      setSelectedId(projects[0]?.projectId ?? null);
    }
  }, [projects, selectedId]);

  if (auth === null) return <main className="loading" aria-busy="true" />;
  if (!signedIn && (projects === null || projects.length === 0)) return <SignIn state={auth} info={info} />;
  const selected = projects?.find((project) => project.projectId === selectedId) ?? null;
  return (
    <div className="workspace">
      <TopBar auth={auth} info={info} connectivity={connectivity} />
      <SessionBanner auth={auth} info={info} />
      {info?.storeProblem !== null && info?.storeProblem !== undefined && (
        <div className="banner banner-warning" role="alert">
          <span>{info.storeProblem}</span>
          <button type="button" onClick={() => void api().library.forget().then(() => window.location.reload())}>
            Start a fresh library
          </button>
        </div>
      )}
      {problem !== null && (
        <p role="alert" className="notice notice-error">
          {problem}
        </p>
      )}
      <div className="workspace-body">
        <ProjectSidebar projects={projects ?? []} selectedId={selectedId} onSelect={setSelectedId} progress={progress} canSync={signedIn} />
        <main className="content">{selected === null ? <p className="empty">Choose a project.</p> : <ProjectView project={selected} reloadToken={version} />}</main>
      </div>
    </div>
  );
}
