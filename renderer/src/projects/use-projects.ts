import { useCallback, useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../preload/contract';
import { api, messageOf } from '../api';

/** The project list: from the library at once, refreshed from Lokalise when `online`; reloads on library changes. */
export function useProjects(online: boolean): { projects: ProjectSummary[] | null; problem: string | null; reload: () => void } {
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(
    (refresh: boolean) => {
      const call = refresh ? api().projects.refresh() : api().projects.list();
      call
        .then((list) => {
          setProjects(list);
          setProblem(null);
        })
        .catch((error: unknown) => {
          setProblem(messageOf(error));
          if (refresh) void api().projects.list().then(setProjects).catch(() => undefined);
        });
    },
    [],
  );
  useEffect(() => {
    load(online);
    return api().app.onLibraryChanged(() => load(false));
  }, [online, load]);
  return { projects, problem, reload: () => load(online) };
}
