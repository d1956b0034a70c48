import { useEffect, useState } from 'react';
import type { AppInfo } from '../../preload/contract';
import { api } from './api';
import { SignIn } from './auth/SignIn';
import { useAuthState } from './auth/use-auth-state';
import { ProjectList } from './projects/ProjectList';
import { useProjects } from './projects/use-projects';

/** The whole app: sign-in until there is a session or a library, then the workspace. */
export function App(): React.JSX.Element {
  const auth = useAuthState();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void api().app.info().then(setInfo);
  }, []);
  const signedIn = auth?.status === 'signedIn';
  const { projects, problem } = useProjects(signedIn);
  if (auth === null) return <main className="loading" aria-busy="true" />;
  if (!signedIn && (projects === null || projects.length === 0)) return <SignIn state={auth} info={info} />;
  return (
    <div className="workspace">
      <header className="topbar">
        <span className="brand">Locdesk</span>
        {info?.mode === 'demo' && <span className="badge">Demo data</span>}
      </header>
      <main className="content">
        {problem !== null && <p role="alert" className="notice notice-error">{problem}</p>}
        {projects === null ? <p aria-busy="true">Loading projects…</p> : <ProjectList projects={projects} />}
      </main>
    </div>
  );
}
