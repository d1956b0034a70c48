/**
 * The outbox: one row per edited translation in `edits.sqlite`, holding the translator's value, the base it was made
 * against, and where it stands. Every change is one small transaction on a `synchronous = FULL` connection, so a
 * method that returns has put its change on disk.
 *
 * The WAL is checkpointed after commits have answered, never inside one (outbox-checkpoint.ts).
 *
 * Rules that keep edits safe: a re-edit of the same translation updates the row's value and keeps its first base
 * (the comparison at push must be against what the translator saw when they began); only `remove` deletes a row,
 * and the push engine removes one only when the server holds exactly the value it pushed.
 */
import type { Contributor, Edit, EditCounts, EditReason, EditState, TranslationSnapshot } from '../../../common/contract';
import { emptyEditCounts } from '../../../common/contract';
import { OutboxCheckpoint } from './outbox-checkpoint';
import { openOutboxDatabase, type OutboxConnection, type OutboxStatement } from './outbox-database';

/** A new value for one translation, with the facts from the library the row needs. */
export interface OutboxCommit {
  readonly projectId: string;
  readonly keyId: number;
  readonly languageIso: string;
  readonly keyName: string;
  readonly isPlural: boolean;
  readonly value: string;
  readonly pluralForms: Readonly<Record<string, string>> | null;
  readonly isReviewed: boolean | null;
  readonly isUnverified: boolean | null;
  /** The server's copy as the library holds it now; used only when the translation has no row yet. */
  readonly base: TranslationSnapshot;
}

/** A change of state the push engine or a resolution records. */
export interface OutboxUpdate {
  readonly state?: EditState;
  readonly base?: TranslationSnapshot;
  readonly theirs?: TranslationSnapshot | null;
  readonly reason?: EditReason | null;
  readonly message?: string | null;
  readonly translationId?: number | null;
  readonly qaConfirmed?: boolean;
  readonly value?: string;
  readonly pluralForms?: Readonly<Record<string, string>> | null;
}

/** What `list` selects. */
export interface OutboxQuery {
  readonly projectId: string | null;
  readonly states?: readonly EditState[];
  readonly keyIds?: readonly number[];
  readonly offset?: number;
  readonly limit?: number;
}

/** An outbox row with the fields the push engine needs beyond the contract's `Edit`. */
export interface OutboxEdit extends Edit {
  readonly translationId: number | null;
}

interface Row {
  edit_id: number;
  project_id: string;
  key_id: number;
  language_iso: string;
  key_name: string;
  is_plural: number;
  translation_id: number | null;
  state: string;
  value: string;
  plural_forms: string | null;
  is_reviewed: number | null;
  is_unverified: number | null;
  base: string;
  theirs: string | null;
  reason: string | null;
  message: string | null;
  qa_confirmed: number;
  created_at: number;
  updated_at: number;
}

function flag(value: number | null): boolean | null {
  return value === null ? null : value !== 0;
}

function dbFlag(value: boolean | null): number | null {
  return value === null ? null : value ? 1 : 0;
}

function toEdit(row: Row): OutboxEdit {
  return {
    editId: row.edit_id,
    projectId: row.project_id,
    keyId: row.key_id,
    keyName: row.key_name,
    languageIso: row.language_iso,
    isPlural: row.is_plural !== 0,
    state: row.state as EditState,
    value: row.value,
    pluralForms: row.plural_forms === null ? null : (JSON.parse(row.plural_forms) as Record<string, string>),
    isReviewed: flag(row.is_reviewed),
    isUnverified: flag(row.is_unverified),
    base: JSON.parse(row.base) as TranslationSnapshot,
    theirs: row.theirs === null ? null : (JSON.parse(row.theirs) as TranslationSnapshot),
    reason: row.reason as EditReason | null,
    message: row.message,
    qaConfirmed: row.qa_confirmed !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    translationId: row.translation_id,
  };
}

/** Drops the engine-only fields, so a reply carries exactly the contract's shape. */
export function publicEdit(edit: OutboxEdit): Edit {
  return {
    editId: edit.editId,
    projectId: edit.projectId,
    keyId: edit.keyId,
    keyName: edit.keyName,
    languageIso: edit.languageIso,
    isPlural: edit.isPlural,
    state: edit.state,
    value: edit.value,
    pluralForms: edit.pluralForms,
    isReviewed: edit.isReviewed,
    isUnverified: edit.isUnverified,
    base: edit.base,
    theirs: edit.theirs,
    reason: edit.reason,
    message: edit.message,
    qaConfirmed: edit.qaConfirmed,
    createdAt: edit.createdAt,
    updatedAt: edit.updatedAt,
  };
}

const states: readonly EditState[] = ['pending', 'pushing', 'conflict', 'orphaned', 'rejected', 'held'];

const commitSql = `INSERT INTO edits (project_id, key_id, language_iso, key_name, is_plural, state, value, plural_forms, is_reviewed, is_unverified, base, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (project_id, key_id, language_iso) DO UPDATE SET
    value = excluded.value, plural_forms = excluded.plural_forms, is_reviewed = excluded.is_reviewed,
    is_unverified = excluded.is_unverified, updated_at = excluded.updated_at, qa_confirmed = 0, exported_at = NULL,
    state = CASE WHEN edits.state IN ('conflict', 'orphaned') THEN edits.state ELSE 'pending' END,
    reason = CASE WHEN edits.state IN ('conflict', 'orphaned') THEN edits.reason ELSE NULL END,
    message = CASE WHEN edits.state IN ('conflict', 'orphaned') THEN edits.message ELSE NULL END
  RETURNING *`;

/** The durable queue of edits. */
export class Outbox {
  /** Statements of the calls made on every commit, prepared once. */
  private readonly statements = new Map<string, OutboxStatement>();
  private readonly checkpoints: OutboxCheckpoint;

  private constructor(
    private readonly connection: OutboxConnection,
    private readonly now: () => number,
  ) {
    this.checkpoints = new OutboxCheckpoint(connection);
    // A push cut short by a crash or quit leaves rows in `pushing`: they are simply pending again.
    this.connection.prepare(`UPDATE edits SET state = 'pending' WHERE state = 'pushing'`).run();
  }

  /** Opens the outbox in `folder` (creating it); throws `edits.unavailable` when the file cannot be used. */
  public static open(folder: string, now: () => number = Date.now): Outbox {
    return new Outbox(openOutboxDatabase(folder), now);
  }

  /** Saves an edit; returns the row as it now stands. A re-edit keeps the row's first base. */
  public commit(commit: OutboxCommit): OutboxEdit {
    const now = this.now();
    const plural = commit.pluralForms === null ? null : JSON.stringify(commit.pluralForms);
    // Upsert in one statement: a conflict keeps its theirs and state (the translator still has to settle it), an
    // orphan stays an orphan, everything else becomes pending again with its reason cleared.
    const row = this.statement(commitSql)
      .get(
        commit.projectId,
        commit.keyId,
        commit.languageIso,
        commit.keyName,
        commit.isPlural ? 1 : 0,
        commit.value,
        plural,
        dbFlag(commit.isReviewed),
        dbFlag(commit.isUnverified),
        JSON.stringify(commit.base),
        now,
        now,
      ) as Row;
    this.wrote();
    return toEdit(row);
  }

  /** One edit, or null. */
  public get(editId: number): OutboxEdit | null {
    const row = this.connection.prepare('SELECT * FROM edits WHERE edit_id = ?').get(editId) as Row | undefined;
    return row === undefined ? null : toEdit(row);
  }

  /** The edit of one translation, or null. */
  public find(projectId: string, keyId: number, languageIso: string): OutboxEdit | null {
    const row = this.connection.prepare('SELECT * FROM edits WHERE project_id = ? AND key_id = ? AND language_iso = ?').get(projectId, keyId, languageIso) as Row | undefined;
    return row === undefined ? null : toEdit(row);
  }

  /**
   * Edits matching `query`, oldest first. The lists of states and keys travel as one JSON parameter each, so the
   * statement's text depends only on which filters are set: every key page asks for its keys' edits, and preparing
   * a fresh `IN (?, ?, …)` of a page's length each time cost more than the read itself.
   */
  public list(query: OutboxQuery): OutboxEdit[] {
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (query.projectId !== null) {
      where.push('project_id = ?');
      values.push(query.projectId);
    }
    if (query.states !== undefined && query.states.length > 0) {
      where.push('state IN (SELECT value FROM json_each(?))');
      values.push(JSON.stringify(query.states));
    }
    if (query.keyIds !== undefined && query.keyIds.length > 0) {
      where.push('key_id IN (SELECT value FROM json_each(?))');
      values.push(JSON.stringify(query.keyIds));
    }
    const sql = `SELECT * FROM edits ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ORDER BY edit_id LIMIT ? OFFSET ?`;
    const rows = this.statement(sql).all(...values, query.limit ?? -1, query.offset ?? 0) as Row[];
    return rows.map(toEdit);
  }

  /** Counts per state for one project, or for all when `projectId` is null. */
  public counts(projectId: string | null): EditCounts {
    const rows = (
      projectId === null
        ? this.statement('SELECT state, count(*) AS n FROM edits GROUP BY state').all()
        : this.statement('SELECT state, count(*) AS n FROM edits WHERE project_id = ? GROUP BY state').all(projectId)
    ) as { state: string; n: number }[];
    return countsFrom(rows);
  }

  /** Counts per project, for every project with at least one edit. */
  public countsByProject(): { projectId: string; counts: EditCounts }[] {
    const rows = this.connection.prepare('SELECT project_id, state, count(*) AS n FROM edits GROUP BY project_id, state ORDER BY project_id').all() as {
      project_id: string;
      state: string;
      n: number;
    }[];
    const grouped = new Map<string, { state: string; n: number }[]>();
    for (const row of rows) grouped.set(row.project_id, [...(grouped.get(row.project_id) ?? []), row]);
    return [...grouped].map(([projectId, entries]) => ({ projectId, counts: countsFrom(entries) }));
  }

  /** Records a change of state; returns the row, or null when it is gone. */
  public update(editId: number, update: OutboxUpdate): OutboxEdit | null {
    const sets: string[] = ['updated_at = ?'];
    const values: (string | number | null)[] = [this.now()];
    const put = (column: string, value: string | number | null): void => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (update.state !== undefined) put('state', update.state);
    if (update.base !== undefined) put('base', JSON.stringify(update.base));
    if (update.theirs !== undefined) put('theirs', update.theirs === null ? null : JSON.stringify(update.theirs));
    if (update.reason !== undefined) put('reason', update.reason);
    if (update.message !== undefined) put('message', update.message);
    if (update.translationId !== undefined) put('translation_id', update.translationId);
    if (update.qaConfirmed !== undefined) put('qa_confirmed', update.qaConfirmed ? 1 : 0);
    if (update.value !== undefined) put('value', update.value);
    if (update.pluralForms !== undefined) put('plural_forms', update.pluralForms === null ? null : JSON.stringify(update.pluralForms));
    const row = this.connection.prepare(`UPDATE edits SET ${sets.join(', ')} WHERE edit_id = ? RETURNING *`).get(...values, editId) as Row | undefined;
    this.wrote();
    return row === undefined ? null : toEdit(row);
  }

  /** Moves edits to a state (the push marks its batch `pushing`, and back). */
  public setStates(editIds: readonly number[], state: EditState): void {
    const statement = this.connection.prepare('UPDATE edits SET state = ? WHERE edit_id = ?');
    this.transaction(() => {
      for (const editId of editIds) statement.run(state, editId);
    });
  }

  /** Deletes an edit; returns whether it existed. */
  public remove(editId: number): boolean {
    const removed = this.connection.prepare('DELETE FROM edits WHERE edit_id = ?').run(editId).changes > 0;
    this.wrote();
    return removed;
  }

  /**
   * Deletes an edit only if it was not changed since `updatedAt`: a push that wrote value V must not delete a newer
   * value the translator typed while the request was out.
   */
  public removeIfUnchanged(editId: number, value: string, isReviewed: boolean | null, isUnverified: boolean | null): boolean {
    const result = this.connection
      .prepare('DELETE FROM edits WHERE edit_id = ? AND value = ? AND is_reviewed IS ? AND is_unverified IS ?')
      .run(editId, value, dbFlag(isReviewed), dbFlag(isUnverified));
    this.wrote();
    return result.changes > 0;
  }

  /** Notes that these edits were exported (forget may then proceed without discarding unsaved work). */
  public markExported(editIds: readonly number[]): void {
    const statement = this.connection.prepare('UPDATE edits SET exported_at = ? WHERE edit_id = ?');
    const now = this.now();
    this.transaction(() => {
      for (const editId of editIds) statement.run(now, editId);
    });
  }

  /** How many edits exist that were never exported since their last change. */
  public unexportedCount(): number {
    const row = this.connection.prepare('SELECT count(*) AS n FROM edits WHERE exported_at IS NULL').get() as { n: number };
    return row.n;
  }

  /** Deletes every edit (forget with `discardEdits`). */
  public removeAll(): number {
    const removed = this.connection.prepare('DELETE FROM edits').run().changes;
    this.wrote();
    return removed;
  }

  /** The cached `contributors/me` of a project, or null when never fetched. */
  public contributor(projectId: string): Contributor | null {
    const row = this.statement('SELECT body FROM contributors WHERE project_id = ?').get(projectId) as { body: string } | undefined;
    return row === undefined ? null : (JSON.parse(row.body) as Contributor);
  }

  /** Caches `contributors/me` for offline use. */
  public saveContributor(projectId: string, contributor: Contributor): void {
    this.connection
      .prepare('INSERT INTO contributors (project_id, body, fetched_at) VALUES (?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at')
      .run(projectId, JSON.stringify(contributor), contributor.fetchedAt);
    this.wrote();
  }

  /** Copies the WAL into the database file now (it also runs by itself after commits). */
  public checkpoint(): void {
    this.checkpoints.run();
  }

  /** Closes the file (SQLite checkpoints a WAL it closes). */
  public close(): void {
    this.checkpoints.cancel();
    if (this.connection.open) this.connection.close();
  }

  private statement(sql: string): OutboxStatement {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = this.connection.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private wrote(): void {
    this.checkpoints.wrote();
  }

  private transaction(work: () => void): void {
    this.connection.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.connection.exec('COMMIT');
    } catch (error) {
      this.connection.exec('ROLLBACK');
      throw error;
    }
    this.wrote();
  }
}

function countsFrom(rows: readonly { state: string; n: number }[]): EditCounts {
  const counts = emptyEditCounts();
  for (const row of rows) {
    if ((states as readonly string[]).includes(row.state)) counts[row.state as EditState] += row.n;
    counts.total += row.n;
  }
  return counts;
}
