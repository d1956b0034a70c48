/**
 * The list orders of a snapshot (key_order, since schema version 4; see migrations.ts for why they are a table of
 * their own rather than indexes on keys): which orders there are, and the SQL that fills them, used by the migration
 * that created the table and by the snapshot writer at the end of every sync.
 */
import type { Connection } from './connection';

/** The list orders a snapshot is kept in: 0 by name (case-insensitive), 1 by last modified, newest first. */
export const sortOrders = { name: 0, modified: 1 } as const;

const orderBy = ['k.name COLLATE NOCASE, k.key_id', 'k.modified_at DESC, k.key_id'] as const;

/**
 * Fills key_order for the keys matching `where` in `sort` order: one row per key with its position, id, flags and
 * status masks, so a page of a list is a range read and a filtered count never touches the wide key rows. The rows
 * come out of one sort, already in primary-key order, so they are appended rather than inserted at random.
 */
export function keyOrderSql(sort: 0 | 1, where: string, join = ''): string {
  return `INSERT INTO key_order (project_id, generation, sort, position, id, is_archived, is_hidden, empty_mask, unverified_mask, unreviewed_mask)
    SELECT k.project_id, k.generation, ${sort}, row_number() OVER (PARTITION BY k.project_id ORDER BY ${orderBy[sort]}) - 1,
      k.id, k.is_archived, k.is_hidden, k.empty_mask, k.unverified_mask, k.unreviewed_mask
    FROM keys k ${join} WHERE ${where}`;
}

/**
 * Fills key_order for one project's generation, in both orders. Same rows as keyOrderSql, about half the time: the
 * sorted keys go into a temporary rowid table, whose rowids number them in insertion order (that is, sort order),
 * instead of through row_number(), whose window SQLite materializes in a table of its own (100,000 keys: 0.7-0.9 s
 * instead of 1.35-1.55 s). Used at the end of every sync, where it is on the critical path. `carriedRows` names a
 * table of row ids (still in the previous generation) that the new generation will also hold.
 */
export function writeKeyOrders(connection: Connection, projectId: string, generation: number, carriedRows?: string): void {
  // A resync's orders also cover the rows it is about to move into this generation (see snapshot-carry.ts).
  const source =
    carriedRows === undefined
      ? 'keys k WHERE k.project_id = ? AND k.generation = ?'
      : `(SELECT * FROM keys WHERE project_id = ? AND generation = ? UNION ALL SELECT keys.* FROM ${carriedRows} c JOIN keys ON keys.id = c.id) k`;
  const flags = 'is_archived, is_hidden, empty_mask, unverified_mask, unreviewed_mask';
  const keyFlags = 'k.is_archived, k.is_hidden, k.empty_mask, k.unverified_mask, k.unreviewed_mask';
  for (const sort of Object.values(sortOrders)) {
    connection.exec(`DROP TABLE IF EXISTS temp.sorted_keys; CREATE TEMP TABLE sorted_keys (position INTEGER PRIMARY KEY, id INTEGER, ${flags})`);
    connection
      .prepare(`INSERT INTO temp.sorted_keys (id, ${flags}) SELECT k.id, ${keyFlags} FROM ${source} ORDER BY ${orderBy[sort]}`)
      .run(projectId, generation);
    connection
      .prepare(`INSERT INTO key_order (project_id, generation, sort, position, id, ${flags}) SELECT ?, ?, ?, position - 1, id, ${flags} FROM temp.sorted_keys ORDER BY position`)
      .run(projectId, generation, sort);
  }
  connection.exec('DROP TABLE temp.sorted_keys');
}
