import { useCallback, useMemo, useState } from 'react';
import type { Language } from '../../../common/contract';

/** The languages shown side by side for one project. */
export interface ViewPreferences {
  readonly sourceIso: string;
  readonly targetIsos: readonly string[];
}

const storageKey = (projectId: string): string => `locdesk.view.${projectId}`;
/** The targets last chosen in any project: a translator of Arabic wants Arabic in the next project too. */
const recentKey = 'locdesk.view.recent-targets';

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

/** Whether the translator already chose languages for `projectId` (then no default is needed). */
export function hasStoredPreferences(projectId: string): boolean {
  return read(projectId) !== null;
}

/**
 * The stored languages of `projectId` as its view shows them while `languages` are the project's, or null when none
 * are stored (or the stored source language is gone, when the view falls back to its default). Lets a page be asked
 * for before the view exists (first-page-prefetch.ts).
 */
export function storedPreferences(projectId: string, languages: readonly Language[]): ViewPreferences | null {
  const stored = read(projectId);
  const known = new Set(languages.map((language) => language.iso));
  if (stored === null || !known.has(stored.sourceIso)) return null;
  return { sourceIso: stored.sourceIso, targetIsos: stored.targetIsos.filter((iso) => known.has(iso) && iso !== stored.sourceIso) };
}

function readRecent(): readonly string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(recentKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((iso): iso is string => typeof iso === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * A good first view of a project: the base language as source and, as targets, the languages I may write (from
 * Lokalise's contributor record, when known), else the targets I chose most recently elsewhere, else the first two.
 */
export function defaultPreferences(languages: readonly Language[], baseIso: string | null, hints: { writableIsos?: readonly string[] | null; recentIsos?: readonly string[] } = {}): ViewPreferences {
  const sourceIso = languages.find((language) => language.iso === baseIso)?.iso ?? languages[0]?.iso ?? 'en';
  const targets = languages.map((language) => language.iso).filter((iso) => iso !== sourceIso);
  const pick = (wanted: readonly string[] | null | undefined): string[] => (wanted ?? []).filter((iso) => targets.includes(iso));
  const writable = pick(hints.writableIsos);
  if (writable.length > 0) return { sourceIso, targetIsos: writable.slice(0, 6) };
  const recent = pick(hints.recentIsos ?? readRecent());
  if (recent.length > 0) return { sourceIso, targetIsos: recent.slice(0, 6) };
  return { sourceIso, targetIsos: targets.slice(0, 2) };
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
      localStorage.setItem(recentKey, JSON.stringify(next.targetIsos));
      setStored({ projectId, value: next });
    },
    [projectId],
  );
  return [preferences, update];
}
