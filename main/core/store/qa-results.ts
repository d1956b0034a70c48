/**
 * The QA results file, `qa.sqlite`, beside the library and attached to its connection as `qa`, so the key queries
 * can filter by it in SQL. It holds derived data only: which checks found something in which translation (a
 * bitmask per key row and language, rows only where something was found) and, per project, which snapshot and
 * settings the stored results were made with. A damaged file is set aside and a fresh one started; the next scan
 * fills it again. The library's own schema is untouched (its migrations belong to the sync work).
 *
 * Key row ids are those of the library's `keys` table; a new snapshot has new rows, so results of an older
 * generation only wait to be cleared by the next scan, and every read names the current generation.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { emptyQaCounts, type QaCounts } from '../../../common/contract-qa';
import { QA_CHECK_IDS, type QaCheckId } from '../../../common/qa';
import type { Connection } from './connection';
import { isDamage } from './damage';
import { anyCheckMask, checkBit } from './qa-inputs';

/** The results file inside the data folder. */
export function qaResultsPath(folder: string): string {
  return join(folder, 'qa.sqlite');
}

/**
 * The tables, for `schema` `qa.` (attached to the library) or `` (a scan thread's own connection). `issues` is
 * keyed by key row and language, so one key's rows are replaced in place; the second index serves the filter and
 * the counts, which read one project's current generation.
 */
export function qaTablesSql(schema: 'qa.' | ''): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${schema}issues (key_row INTEGER NOT NULL, iso TEXT NOT NULL, project_id TEXT NOT NULL, generation INTEGER NOT NULL, mask INTEGER NOT NULL, PRIMARY KEY (key_row, iso)) WITHOUT ROWID`,
    `CREATE INDEX IF NOT EXISTS ${schema}issues_by_project ON issues (project_id, generation, iso, mask, key_row)`,
    `CREATE TABLE IF NOT EXISTS ${schema}scans (project_id TEXT PRIMARY KEY, generation INTEGER NOT NULL, settings TEXT NOT NULL, complete INTEGER NOT NULL, scanned_at INTEGER)`,
  ];
}

/** Deletes the results file and its WAL files (a library that is gone leaves nothing for them to point at). */
export function removeQaResults(folder: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(qaResultsPath(folder) + suffix, { force: true });
}

function attachOnce(connection: Connection, path: string): void {
  connection.prepare('ATTACH DATABASE ? AS qa').run(path);
  try {
    connection.exec('PRAGMA qa.journal_mode = WAL');
    connection.exec('PRAGMA qa.synchronous = NORMAL');
    for (const sql of qaTablesSql('qa.')) connection.exec(sql);
    connection.prepare('SELECT count(*) FROM qa.issues').raw(true).get();
  } catch (error) {
    connection.exec('DETACH DATABASE qa');
    throw error;
  }
}

/** Moves a damaged results file aside (`qa.sqlite.corrupt-<time>`), so it can be looked at, and never read again. */
function setAside(folder: string, now: number): void {
  const path = qaResultsPath(folder);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, `${path}.corrupt-${String(now)}${suffix}`);
  }
}

/** Attaches the results file in `folder` as `qa`, setting a damaged one aside and starting afresh. */
export function attachQaResults(connection: Connection, folder: string, now: number = Date.now()): void {
  try {
    attachOnce(connection, qaResultsPath(folder));
  } catch (error) {
    if (!isDamage(error)) throw error;
    setAside(folder, now);
    attachOnce(connection, qaResultsPath(folder));
  }
}

/** Detaches a damaged results file, sets it aside and attaches a fresh one (damage met after opening). */
export function replaceQaResults(connection: Connection, folder: string, now: number = Date.now()): void {
  try {
    connection.exec('DETACH DATABASE qa');
  } catch {
    // Not attached (it failed earlier): nothing to detach.
  }
  setAside(folder, now);
  attachOnce(connection, qaResultsPath(folder));
}

/** The mask a filter value stands for. */
export function filterMask(filter: 'any' | QaCheckId): number {
  return filter === 'any' ? anyCheckMask : checkBit(filter);
}

/**
 * The condition "key row `column` has an issue matching `filter` in `isos`" (every language when empty), with its
 * parameters. SQLite evaluates the subquery once into a temporary index, read from the results' project index.
 */
export function qaCondition(column: string, projectId: string, generation: number, isos: readonly string[], filter: 'any' | QaCheckId): { sql: string; parameters: unknown[] } {
  const languages = isos.length === 0 ? '' : ` AND iso IN (${isos.map(() => '?').join(', ')})`;
  return {
    sql: `${column} IN (SELECT key_row FROM qa.issues WHERE project_id = ? AND generation = ?${languages} AND (mask & ?) != 0)`,
    parameters: [projectId, generation, ...isos, filterMask(filter)],
  };
}

export { emptyQaCounts as emptyCounts } from '../../../common/contract-qa';

/**
 * How many keys of the current snapshot have an issue of each check in `isos` (all languages when empty), for the
 * filter menu. Archived and hidden keys are left out, as the grid leaves them out unless asked.
 *
 * One statement answers it all in SQLite: each key's masks are or-ed together (`max(mask & bit)` per check, as SQLite
 * has no bitwise-or aggregate), then the keys are counted per check. Handing every result row to JavaScript to fold
 * there took 2.5 times as long at 100,000 keys in ten languages. It still reads every row of the project, so it runs
 * on a counting thread (see qa-counts.ts).
 */
export function qaCounts(connection: Connection, projectId: string, generation: number, isos: readonly string[]): QaCounts {
  const languages = isos.length === 0 ? '' : ` AND iso IN (${isos.map(() => '?').join(', ')})`;
  const bits = QA_CHECK_IDS.map((_, index) => 2 ** index);
  const row = connection
    .prepare(
      `SELECT count(*), ${bits.map((bit) => `coalesce(sum((g.united & ${String(bit)}) != 0), 0)`).join(', ')}
       FROM (SELECT key_row, ${bits.map((bit) => `max(mask & ${String(bit)})`).join(' | ')} AS united FROM qa.issues
             WHERE project_id = ? AND generation = ?${languages} GROUP BY key_row) g
       JOIN keys k ON k.id = g.key_row WHERE g.united != 0 AND k.is_archived = 0 AND k.is_hidden = 0`,
    )
    .raw(true)
    .get(projectId, generation, ...isos) as number[];
  const byCheck = { ...emptyQaCounts().byCheck };
  QA_CHECK_IDS.forEach((id, index) => {
    byCheck[id] = row[index + 1] ?? 0;
  });
  return { any: row[0] ?? 0, byCheck };
}

/** What the results file says about a project's last scan. */
export interface QaScanRecord {
  readonly generation: number;
  readonly settings: string;
  readonly complete: boolean;
  readonly scannedAt: number | null;
}

/** The project's scan record, or null before its first scan. */
export function qaScanRecord(connection: Connection, projectId: string): QaScanRecord | null {
  const row = connection.prepare('SELECT generation, settings, complete, scanned_at FROM qa.scans WHERE project_id = ?').raw(true).get(projectId) as
    | [number, string, number, number | null]
    | undefined;
  if (row === undefined) return null;
  return { generation: row[0], settings: row[1], complete: row[2] === 1, scannedAt: row[3] };
}

/** Records that a scan of `generation` with `settings` started (complete: false) or finished (complete: true). */
export function writeQaScanRecord(connection: Connection, projectId: string, record: QaScanRecord): void {
  connection
    .prepare(
      `INSERT INTO qa.scans (project_id, generation, settings, complete, scanned_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (project_id) DO UPDATE SET generation = excluded.generation, settings = excluded.settings, complete = excluded.complete,
       scanned_at = coalesce(excluded.scanned_at, scanned_at)`,
    )
    .run(projectId, record.generation, record.settings, record.complete ? 1 : 0, record.scannedAt);
}

/** Replaces the stored results of one key row: `masks` by language, languages without issues left out. */
export function writeKeyMasks(connection: Connection, projectId: string, generation: number, keyRow: number, masks: ReadonlyMap<string, number>): void {
  connection.transaction(() => {
    connection.prepare('DELETE FROM qa.issues WHERE key_row = ?').run(keyRow);
    const insert = connection.prepare('INSERT INTO qa.issues (key_row, iso, project_id, generation, mask) VALUES (?, ?, ?, ?, ?)');
    for (const [iso, mask] of masks) if (mask !== 0) insert.run(keyRow, iso, projectId, generation, mask);
  })();
}

/** Forgets every result (with "forget offline data"). */
export function clearQaResults(connection: Connection): void {
  connection.exec('DELETE FROM qa.issues');
  connection.exec('DELETE FROM qa.scans');
}
