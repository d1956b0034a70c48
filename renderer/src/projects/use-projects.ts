import { useCallback, useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../preload/contract';
import { api, messageOf } from '../api';

/**
 * The project list: from the library at once, refreshed from Lokalise when signed in; reloaded whenever the
 * library changes (a sync finished). `version` increases with every library change, so views can reload.
 */
export function useProjects(signedIn: boolean): { projects: ProjectSummary[] | null; problem: string | null; version: number } {
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const load = useCallback((refresh: boolean) => {
    const local = api().projects.list();
    void local.then(setProjects).catch((error: unknown) => setProblem(messageOf(error)));
    if (!refresh) return;
    api()
      .projects.refresh()
      .then((list) => {
        setProjects(list);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(`Could not refresh the project list: ${messageOf(error)}`));
  }, []);
  useEffect(() => {
    load(signedIn);
    return api().app.onLibraryChanged(() => {
      setVersion((current) => current + 1);
      load(false);
    });
  }, [signedIn, load]);
  return { projects, problem, version };
}
