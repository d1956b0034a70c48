/**
 * What a resync compares Lokalise's key listing with: the current snapshot's languages and, per key, the two times
 * Lokalise moves when something changes (`modified_at` for the key's own fields, `translations_modified_at` for any
 * of its translations). The sync engine's plan (sync/resync-plan.ts) decides from them which keys to download again.
 *
 * There is no basis (so the sync is a full one) when the project was never synced, when its snapshot was written in
 * an older format (a schema change: see `snapshotFormat` in migrations.ts), or when the stored copy is incomplete:
 * fewer or more keys than its last sync recorded, or no languages.
 */
import type { LokaliseLanguage } from '../lokalise/types';
import type { Connection } from './connection';
import { snapshotFormat } from './migrations';

/** The current snapshot as a resync sees it. Plain data, compact: three numbers per key in typed arrays. */
export interface ResyncBasis {
  /** The snapshot's languages, in their stored order (which gives the status masks their bit positions). */
  readonly languages: readonly LokaliseLanguage[];
  /** Key ids, ascending. */
  readonly keyIds: Float64Array;
  /** Per key (same index as keyIds): `modified_at` in epoch ms, NaN when Lokalise sent none. */
  readonly modifiedAt: Float64Array;
  /** Per key: `translations_modified_at` in epoch ms, NaN when Lokalise sent none. */
  readonly translationsModifiedAt: Float64Array;
  /** How long the last sync took (ms): edits made while it listed keys may not have moved their key's times. */
  readonly lastSyncDurationMs: number;
  /**
   * The latest of every key's two times (epoch ms; -Infinity when none is stored), where the planner's window of
   * recent edits ends. Found here, on the writing thread, as the rows are read: a scan of 200,000 numbers on main,
   * in code V8 had not compiled yet, stood out in the stall bench's profile of a 100k-key resync (issue 17).
   */
  readonly newestStamp: number;
}

/** The basis for resyncing `projectId`, or null when only a full sync will do (see the module comment). */
export function readResyncBasis(connection: Connection, projectId: string): ResyncBasis | null {
  const facts = connection
    .prepare(
      `SELECT p.generation, p.snapshot_format, s.key_count, s.duration_ms, s.last_synced_at
       FROM projects p LEFT JOIN sync_facts s ON s.project_id = p.project_id WHERE p.project_id = ?`,
    )
    .raw(true)
    .get(projectId) as [number, number, number | null, number | null, number | null] | undefined;
  if (facts === undefined) return null;
  const [generation, format, keyCount, durationMs, lastSyncedAt] = facts;
  if (generation === 0 || format !== snapshotFormat || lastSyncedAt === null || keyCount === null) return null;
  const languages = (
    connection
      .prepare('SELECT lang_id, iso, name, is_rtl, plural_forms FROM languages WHERE project_id = ? AND generation = ? ORDER BY position')
      .raw(true)
      .all(projectId, generation) as [number, string, string, number, string][]
  ).map(([langId, iso, name, isRtl, pluralForms]) => ({ langId, iso, name, isRtl: isRtl === 1, pluralForms: JSON.parse(pluralForms) as string[] }));
  if (languages.length === 0) return null;
  const rows = connection
    .prepare('SELECT key_id, modified_at, translations_modified_at FROM keys WHERE project_id = ? AND generation = ? ORDER BY key_id')
    .raw(true)
    .all(projectId, generation) as [number, number | null, number | null][];
  if (rows.length !== keyCount) return null;
  const keyIds = new Float64Array(rows.length);
  const modifiedAt = new Float64Array(rows.length);
  const translationsModifiedAt = new Float64Array(rows.length);
  let newestStamp = Number.NEGATIVE_INFINITY;
  rows.forEach(([keyId, modified, translationsModified], index) => {
    keyIds[index] = keyId;
    modifiedAt[index] = modified ?? Number.NaN;
    translationsModifiedAt[index] = translationsModified ?? Number.NaN;
    if (modified !== null && modified > newestStamp) newestStamp = modified;
    if (translationsModified !== null && translationsModified > newestStamp) newestStamp = translationsModified;
  });
  return { languages, keyIds, modifiedAt, translationsModifiedAt, lastSyncDurationMs: durationMs ?? 0, newestStamp };
}
