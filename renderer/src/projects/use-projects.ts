import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProjectSummary } from '../../../common/contract';
import { api, isExpectedOffline, messageOf } from '../api';
import { prefetchFirstPage } from '../keys/first-page-prefetch';

/** The project list and what a view needs to follow library changes. */
export interface Projects {
  readonly projects: ProjectSummary[] | null;
  readonly problem: string | null;
  /** Increases with every library change (a sync finished, data forgotten), so open views reload. */
  readonly version: number;
  /** Asks Lokalise again (also how a return from offline is noticed, since connectivity is learned from requests). */
  readonly refresh: () => void;
  /** Replaces one project after a change made here (e.g. keep offline), without a round trip. */
  readonly replace: (project: ProjectSummary) => void;
}

/**
 * The project list: from the offline library at once (works offline), refreshed from Lokalise when signed in
 * and online, and reloaded whenever the library changes. Failures that only mean "offline" or "session ended"
 * are left to the offline badge and the session banner.
 */
export function useProjects(signedIn: boolean, online: boolean): Projects {
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  // List and refresh answers arrive in any order; an answer to an older request must never replace a newer one
  // (a slow refresh from Lokalise would otherwise undo the reload that a finished sync asked for).
  const requests = useRef({ started: 0, applied: 0 });
  const listedOnce = useRef(false);
  const isLatest = useCallback((ticket: number): boolean => {
    if (ticket < requests.current.applied) return false;
    requests.current.applied = ticket;
    return true;
  }, []);
  const list = useCallback(() => {
    const ticket = ++requests.current.started;
    api()
      .projects.list()
      .then((stored) => {
        if (!isLatest(ticket)) return;
        // At start the workspace opens the first project: its first page is asked for while the workspace renders.
        if (!listedOnce.current && stored[0] !== undefined) prefetchFirstPage(stored[0]);
        listedOnce.current = true;
        setProjects(stored);
      })
      .catch((error: unknown) => {
        setProblem(messageOf(error));
        setProjects((current) => current ?? []);
      });
  }, [isLatest]);
  const refresh = useCallback(() => {
    const ticket = ++requests.current.started;
    api()
      .projects.refresh()
      .then((fresh) => {
        if (!isLatest(ticket)) return;
        setProjects(fresh);
        setProblem(null);
      })
      .catch((error: unknown) => {
        if (!isExpectedOffline(error)) setProblem(`Could not refresh the project list: ${messageOf(error)}`);
      });
  }, [isLatest]);
  useEffect(() => {
    list();
    if (signedIn && online) refresh();
  }, [signedIn, online, list, refresh]);
  useEffect(
    () =>
      api().app.onLibraryChanged(() => {
        setVersion((current) => current + 1);
        list();
      }),
    [list],
  );
  const replace = useCallback((project: ProjectSummary) => {
    setProjects((current) => current?.map((existing) => (existing.projectId === project.projectId ? project : existing)) ?? null);
  }, []);
  return { projects, problem, version, refresh, replace };
}
