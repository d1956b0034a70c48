/**
 * The outbox's own SQLite file, `edits.sqlite` beside the library.
 *
 * Apart from the library on purpose: a resync swaps the library's snapshots and "forget local data" deletes it, and
 * neither may ever take a translator's edit with it. `synchronous = FULL` in WAL mode makes every committed
 * transaction reach the disk before the commit returns, so an edit is durable when `edits.commit` answers, even if
 * the process is killed or the power goes a moment later (NORMAL, the library's setting, may lose the last
 * transactions on a power cut; for an edit that is not acceptable).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { editError } from './edit-errors';

/** A connection to `edits.sqlite`. */
export type OutboxConnection = InstanceType<typeof Database>;

/** A prepared statement on it. */
export type OutboxStatement = Database.Statement;

/** The file inside the data folder. */
export function outboxPath(folder: string): string {
  return join(folder, 'edits.sqlite');
}

/** Schema steps, applied in order and recorded in `user_version`. Never edit a shipped step: add the next. */
const migrations: readonly string[] = [
  `
  CREATE TABLE edits (
    edit_id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id TEXT NOT NULL,
    key_id INTEGER NOT NULL,
    language_iso TEXT NOT NULL,
    key_name TEXT NOT NULL,
    is_plural INTEGER NOT NULL,
    translation_id INTEGER,
    state TEXT NOT NULL,
    value TEXT NOT NULL,
    plural_forms TEXT,
    is_reviewed INTEGER,
    is_unverified INTEGER,
    base TEXT NOT NULL,
    theirs TEXT,
    reason TEXT,
    message TEXT,
    qa_confirmed INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    exported_at INTEGER,
    UNIQUE (project_id, key_id, language_iso)
  );
  CREATE INDEX edits_by_state ON edits (project_id, state);
  CREATE TABLE contributors (
    project_id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    fetched_at INTEGER NOT NULL
  );
  `,
];

/** Opens (creating if needed) the outbox in `folder`; throws `edits.unavailable` when it cannot. */
export function openOutboxDatabase(folder: string): OutboxConnection {
  let connection: OutboxConnection | null = null;
  try {
    mkdirSync(folder, { recursive: true });
    connection = new Database(outboxPath(folder));
    connection.exec('PRAGMA journal_mode = WAL');
    connection.exec('PRAGMA synchronous = FULL');
    // The outbox copies its WAL into the file itself, after a commit has answered (see Outbox): a commit never pays
    // for a checkpoint's extra writes and syncs. A commit's upsert would not start SQLite's own checkpoint anyway (it
    // ends on its answer row); the writes that end in a plain COMMIT would, once the WAL passes 1,000 pages
    // (outbox.test.ts shows it).
    connection.exec('PRAGMA wal_autocheckpoint = 0');
    connection.exec('PRAGMA busy_timeout = 5000');
    const row = connection.prepare('PRAGMA user_version').raw(true).get() as unknown[] | undefined;
    const current = typeof row?.[0] === 'number' ? row[0] : 0;
    if (current > migrations.length) throw editError('edits.unavailable', 'Your edits were saved by a newer version of Locdesk. Update Locdesk to push them.');
    migrations.forEach((sql, index) => {
      if (index < current || connection === null) return;
      connection.exec('BEGIN IMMEDIATE');
      try {
        connection.exec(sql);
        connection.exec(`PRAGMA user_version = ${index + 1}`);
        connection.exec('COMMIT');
      } catch (error) {
        connection.exec('ROLLBACK');
        throw error;
      }
    });
    return connection;
  } catch (error) {
    connection?.close();
    if (error instanceof Error && error.name === 'LocdeskError') throw error;
    throw editError('edits.unavailable', undefined, { cause: error });
  }
}
