import { useCallback, useMemo, useState } from 'react';
import type { Language } from '../../../common/contract';

/** The languages shown side by side for one project. */
export interface ViewPreferences {
  readonly sourceIso: string;
  readonly targetIsos: readonly string[];
}

const storageKey = (projectId: string): string => `locdesk.view.${projectId}`;

function read(projectId: string): ViewPreferences | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(projectId)) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { sourceIso, targetIsos } = parsed as Record<string, unknown>;
    if (typeof sourceIso !== 'string' || !Array.isArray(targetIsos) || !targetIsos.every((iso) => typeof iso === 'string')) return null;
    return { sourceIso, targetIsos };
  } catch {
    return null;
  }
}

/** A sensible first view: the base language as source, the first other language as target. */
export function defaultPreferences(languages: readonly Language[], baseIso: string | null): ViewPreferences {
  const sourceIso = languages.find((language) => language.iso === baseIso)?.iso ?? languages[0]?.iso ?? 'en';
  const target = languages.find((language) => language.iso !== sourceIso);
  return { sourceIso, targetIsos: target === undefined ? [] : [target.iso] };
}

/** The remembered languages of `projectId` (localStorage), falling back to `fallback`; only languages that exist survive. */
export function useViewPreferences(projectId: string, languages: readonly Language[], fallback: ViewPreferences): [ViewPreferences, (next: ViewPreferences) => void] {
  const [stored, setStored] = useState<{ projectId: string; value: ViewPreferences | null }>(() => ({ projectId, value: read(projectId) }));
  const current = stored.projectId === projectId ? stored.value : read(projectId);
  const knownIsos = languages.map((language) => language.iso).join(' ');
  const chosen = current !== null && knownIsos.split(' ').includes(current.sourceIso) ? current : fallback;
  const sourceIso = chosen.sourceIso;
  const targets = chosen.targetIsos.join(' ');
  // Stable identity while the choice is unchanged, so views keyed on it do not reset on every render.
  const preferences = useMemo(() => {
    const known = new Set(knownIsos.split(' '));
    return { sourceIso, targetIsos: targets.split(' ').filter((iso) => known.has(iso) && iso !== sourceIso) };
  }, [knownIsos, sourceIso, targets]);
  const update = useCallback(
    (next: ViewPreferences) => {
      localStorage.setItem(storageKey(projectId), JSON.stringify(next));
      setStored({ projectId, value: next });
    },
    [projectId],
  );
  return [preferences, update];
}
