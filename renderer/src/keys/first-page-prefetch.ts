import type { KeyPage, KeyQueryInput, ProjectSummary } from '../../../common/contract';
import type { KeyQaFilter } from '../../../common/contract-qa';
import { api } from '../api';
import { noFilters, type KeyFilters } from './KeyToolbar';
import { storedPreferences, type ViewPreferences } from './use-view-preferences';

/** Rows are fetched in pages of this size as the list scrolls: about one screen, so the first page is quick. */
export const keyPageSize = 50;
/** How long a first page asked for ahead stays usable: the view that wanted it mounts within a frame or two. */
const prefetchLifetimeMs = 3_000;

/**
 * The key query of a project view: one builder for the view and for a page asked for ahead of it, so both have
 * the same signature (its JSON text) whenever they mean the same query.
 */
export function keyQuery(projectId: string, preferences: ViewPreferences, search: string, filters: KeyFilters, qa: KeyQaFilter | null): Omit<KeyQueryInput, 'offset' | 'limit' | 'after'> {
  return {
    projectId,
    sourceIso: preferences.sourceIso,
    targetIsos: [...preferences.targetIsos],
    search,
    status: filters.status,
    statusIso: filters.statusIso,
    tags: [...filters.tags],
    platforms: [...filters.platforms] as ('ios' | 'android' | 'web' | 'other')[],
    includeArchived: filters.includeArchived,
    includeHidden: filters.includeHidden,
    sort: filters.sort,
    qa,
  };
}

const ahead = new Map<string, { readonly page: Promise<KeyPage>; readonly at: number }>();

/**
 * Asks for the first page `project`'s view will show, before the view is rendered, when that page is known: the
 * translator's languages for it are stored (a first visit waits for Lokalise's word on them instead). Opening a
 * project renders the whole workspace first, which takes longer than main takes to answer; asked for here, the page
 * is waiting when the view mounts instead of being asked for at the end of that render. The view takes it by its
 * query's signature (`takeFirstPage`); one not taken in a few seconds is dropped.
 */
export function prefetchFirstPage(project: ProjectSummary): void {
  const stored = storedPreferences(project.projectId, project.languages);
  if (stored === null || project.sync.keyCount === 0) return;
  const query = keyQuery(project.projectId, stored, '', noFilters, null);
  const signature = JSON.stringify(query);
  const now = Date.now();
  for (const [key, entry] of ahead) if (now - entry.at > prefetchLifetimeMs) ahead.delete(key);
  if (ahead.has(signature)) return;
  const page = api().keys.page({ ...query, offset: 0, limit: keyPageSize, after: null });
  // A failure is the view's to report when it asks itself; the prefetch stays silent.
  page.catch(() => undefined);
  ahead.set(signature, { page, at: now });
}

/** The first page asked for ahead of the view with this query signature, once; null when there is none (or it is old). */
export function takeFirstPage(signature: string): Promise<KeyPage> | null {
  const entry = ahead.get(signature);
  if (entry === undefined) return null;
  ahead.delete(signature);
  return Date.now() - entry.at > prefetchLifetimeMs ? null : entry.page;
}
