import { useEffect, useState } from 'react';
import { api } from '../api';

/**
 * The languages I may write in a project, from Lokalise's `contributors/me` (main answers from its offline cache
 * when Lokalise is out of reach): undefined while asking, null when unknown (never fetched, or the call failed).
 * The grid uses them as its default target columns.
 */
export function useWritableLanguages(projectId: string): readonly string[] | null | undefined {
  const [answer, setAnswer] = useState<{ projectId: string; isos: readonly string[] | null } | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .projects.contributor(projectId)
      .then((contributor) => {
        if (live) setAnswer({ projectId, isos: contributor === null ? null : contributor.languages.filter((language) => language.isWritable).map((language) => language.iso) });
      })
      .catch(() => {
        if (live) setAnswer({ projectId, isos: null });
      });
    return () => {
      live = false;
    };
  }, [projectId]);
  return answer?.projectId === projectId ? answer.isos : undefined;
}
