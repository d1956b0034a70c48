/**
 * The reads behind a snapshot's facets (tags, platforms, languages, key counts), shared by the main thread's
 * `projectFacets` and the facets thread (facets-thread.ts), so both give the very same answer from the same SQL.
 */
import type { KeyCounts, Language, ProjectFacets } from '../../../common/contract';
import type { Connection } from './connection';
import { cachedStatement } from './statements';

/** A snapshot's languages in their Lokalise order (they never change once the snapshot is written). */
export function readLanguages(connection: Connection, projectId: string, generation: number): Language[] {
  const rows = cachedStatement(connection, 'SELECT lang_id, iso, name, is_rtl, plural_forms FROM languages WHERE project_id = ? AND generation = ? ORDER BY position', true).all(
    projectId,
    generation,
  ) as [number, string, string, number, string][];
  return rows.map(([langId, iso, name, isRtl, pluralForms]) => ({ langId, iso, name, isRtl: isRtl === 1, pluralForms: JSON.parse(pluralForms) as string[], progress: null }));
}

/** The current snapshot's keys by archived/hidden flag, from the counts written at the swap; null before any. */
function keyCounts(connection: Connection, projectId: string): KeyCounts | null {
  const row = connection.prepare('SELECT key_counts FROM projects WHERE project_id = ?').raw(true).get(projectId) as [string | null] | undefined;
  if (row?.[0] === null || row?.[0] === undefined) return null;
  const counts = JSON.parse(row[0]) as Record<string, number>;
  return { visible: counts['00'] ?? 0, archivedOnly: counts['10'] ?? 0, hiddenOnly: counts['01'] ?? 0, archivedAndHidden: counts['11'] ?? 0 };
}

/**
 * The facets of the project's snapshot `generation`, with its `languages` as the caller read them. The distinct tags
 * and platforms read every key of the snapshot (90–580 ms at 100,000 keys), which is why main asks a thread for them.
 */
export function snapshotFacets(connection: Connection, projectId: string, generation: number, languages: readonly Language[]): ProjectFacets {
  const distinct = (column: 'tags' | 'platforms'): string[] =>
    (connection
      .prepare(`SELECT DISTINCT j.value FROM (SELECT DISTINCT ${column} AS list FROM keys WHERE project_id = ? AND generation = ?) d, json_each(d.list) j ORDER BY j.value`)
      .raw(true)
      .all(projectId, generation) as [string][]).map((entry) => entry[0]);
  return { tags: distinct('tags'), platforms: distinct('platforms'), languages: languages.map((language) => ({ ...language })), keyCounts: keyCounts(connection, projectId) };
}

/** A project's facets with the generation they are of (null, and no facets, when it has no snapshot). */
export interface GenerationFacets {
  readonly generation: number | null;
  readonly facets: ProjectFacets;
}

/**
 * The facets of the project's current snapshot, read in one read transaction so the generation and the facets
 * agree even when a sync swaps snapshots meanwhile (the facets thread's whole job).
 */
export function currentFacets(connection: Connection, projectId: string): GenerationFacets {
  connection.exec('BEGIN');
  try {
    const row = connection.prepare('SELECT generation FROM projects WHERE project_id = ?').raw(true).get(projectId) as [number] | undefined;
    if (row === undefined) return { generation: null, facets: { tags: [], platforms: [], languages: [], keyCounts: null } };
    return { generation: row[0], facets: snapshotFacets(connection, projectId, row[0], readLanguages(connection, projectId, row[0])) };
  } finally {
    connection.exec('COMMIT');
  }
}
