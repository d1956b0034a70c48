/**
 * A resync's carry-over: the keys that did not change since the current snapshot move into the next one instead of
 * being downloaded and written again (see resync-basis.ts for how a resync decides, and snapshot-writer.ts for the
 * generation design this keeps).
 *
 * The rows move rather than copy: their row ids stay, so their translations (keyed by row id) and their search
 * documents (FTS rowid = key row id) need no work at all. Until the swap they stay in the current generation, so
 * readers keep seeing the whole current snapshot; the move is one UPDATE by row id inside the transaction that swaps
 * the new generation in, so a failure, a cancel or a kill at any point leaves the current snapshot whole. The new
 * generation's list orders are written before the swap from the new rows plus the rows about to move.
 */
import type { Connection } from './connection';

/** What an incremental resync changed, for the project's sync facts ("12 keys updated, 3 added, 1 removed"). */
export interface SyncChanges {
  readonly updated: number;
  readonly added: number;
  readonly removed: number;
}

/** The carry-over of one resync, from generation `from` to `to`. */
export class CarryOver {
  /** The temporary table naming the rows that move (one column, `id`). */
  public readonly rowsTable = 'temp.carried_rows';

  public constructor(
    private readonly connection: Connection,
    private readonly projectId: string,
    private readonly from: number,
    private readonly to: number,
    private readonly dropKeyIds: readonly number[],
  ) {}

  /**
   * Picks the rows to move: every key of the current generation except the dropped ones and those written anew.
   * Returns the new snapshot's counts: `written` plus the carried keys and their translations (the previous count
   * less the translations of the keys that do not move, so only those few rows are read).
   */
  public prepare(written: { readonly keys: number; readonly translations: number }): { keys: number; translations: number } {
    this.connection.exec(`DROP TABLE IF EXISTS ${this.rowsTable}; CREATE TEMP TABLE carried_rows (id INTEGER PRIMARY KEY)`);
    const carried = this.connection
      .prepare(
        `INSERT INTO ${this.rowsTable} (id) SELECT k.id FROM keys k
         WHERE k.project_id = ? AND k.generation = ? AND k.key_id NOT IN (SELECT value FROM json_each(?))
           AND NOT EXISTS (SELECT 1 FROM keys n WHERE n.project_id = k.project_id AND n.generation = ? AND n.key_id = k.key_id)
         ORDER BY k.id`,
      )
      .run(this.projectId, this.from, JSON.stringify(this.dropKeyIds), this.to).changes;
    const previous = this.connection.prepare('SELECT translation_count FROM sync_facts WHERE project_id = ?').raw(true).get(this.projectId) as [number] | undefined;
    const left = this.connection
      .prepare(
        `SELECT count(*) FROM keys k JOIN key_translations t ON t.key_row = k.id, json_each(t.translations)
         WHERE k.project_id = ? AND k.generation = ? AND k.id NOT IN (SELECT id FROM ${this.rowsTable})`,
      )
      .raw(true)
      .get(this.projectId, this.from) as [number];
    return { keys: written.keys + carried, translations: written.translations + (previous?.[0] ?? 0) - left[0] };
  }

  /** Moves the picked rows into the new generation; call inside the swap's transaction. */
  public moveRows(): void {
    this.connection.prepare(`UPDATE keys SET generation = ? WHERE id IN (SELECT id FROM ${this.rowsTable})`).run(this.to);
  }

  /** Drops the temporary table (after the swap, or when the snapshot is thrown away). */
  public finish(): void {
    if (this.connection.open) this.connection.exec(`DROP TABLE IF EXISTS ${this.rowsTable}`);
  }
}
