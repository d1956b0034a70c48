import { useEffect, useState } from 'react';
import type { Contributor } from '../../../common/contract';
import { api } from '../api';

/**
 * The translator's rights in a project (`projects.contributor`: Lokalise when reachable, else the offline cache), or
 * null while unknown. A failed read leaves it unknown: the editor then stays editable (see `accessFor`).
 */
export function useContributor(projectId: string): { contributor: Contributor | null; known: boolean } {
  const [state, setState] = useState<{ projectId: string; contributor: Contributor | null } | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .projects.contributor(projectId)
      .then(
        (contributor) => {
          if (live) setState({ projectId, contributor });
        },
        () => {
          if (live) setState({ projectId, contributor: null });
        },
      );
    return () => {
      live = false;
    };
  }, [projectId]);
  const current = state?.projectId === projectId ? state : null;
  return { contributor: current?.contributor ?? null, known: current !== null };
}
