/**
 * Opens the library's SQLite file (libsql: an N-API build, so the same binary loads in Node tests and in Electron),
 * in WAL mode so readers never wait for the sync writer, and brings its schema up to date.
 *
 * A file that is not a database, or is damaged, is reported as `store.corrupt` with a way out (`rebuildStore`,
 * which keeps the broken file aside) instead of crashing at every start.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import Database from 'libsql';
import type { Connection } from './connection';
import { LocdeskError } from '../errors';
import { migrations } from './migrations';
import { isDamage } from './damage';
import { attachSearchIndex, removeSearchIndex } from './search-index';
import { attachQaResults, removeQaResults } from './qa-results';
import { browsingCacheKb, storePath } from './library-file';

function configure(connection: Connection): void {
  connection.exec('PRAGMA journal_mode = WAL');
  connection.exec('PRAGMA synchronous = NORMAL');
  connection.exec('PRAGMA foreign_keys = ON');
  connection.exec('PRAGMA busy_timeout = 5000');
  connection.exec('PRAGMA temp_store = MEMORY');
  connection.exec(`PRAGMA cache_size = -${browsingCacheKb}`);
}

function schemaVersion(connection: Connection): number {
  const row = connection.prepare('PRAGMA user_version').raw(true).get() as unknown[] | undefined;
  return typeof row?.[0] === 'number' ? row[0] : 0;
}

function migrate(connection: Connection): void {
  const current = schemaVersion(connection);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new LocdeskError('store.too_new', 'The offline library was written by a newer version of Locdesk. Update Locdesk, or forget the offline data.');
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    connection.exec('BEGIN IMMEDIATE');
    try {
      connection.exec(migration.sql);
      connection.exec(`PRAGMA user_version = ${migration.version}`);
      connection.exec('COMMIT');
    } catch (error) {
      connection.exec('ROLLBACK');
      throw error;
    }
  }
}

/**
 * The error to show for a failure of the library file: `store.corrupt` (with the way out) for damage found at any
 * time, not only while opening, so a damaged page met by a later query does not surface as a raw SQLite error.
 * Other errors pass through unchanged.
 */
export function storeError(error: unknown): unknown {
  if (error instanceof LocdeskError || !isDamage(error)) return error;
  return new LocdeskError(
    'store.corrupt',
    'The offline library file is damaged and cannot be opened. Locdesk can set it aside and start a fresh library; you then sync your projects again.',
    { cause: error },
  );
}

/** Opens (creating if needed) the library in `folder`; throws `store.corrupt` for a damaged file. */
export function openDatabase(folder: string): Connection {
  mkdirSync(folder, { recursive: true });
  const path = storePath(folder);
  // An index left beside a library that is gone would point at key rows a new library reuses.
  if (!existsSync(path)) {
    removeSearchIndex(folder);
    removeQaResults(folder);
  }
  let connection: Connection | null = null;
  try {
    connection = new Database(path);
    configure(connection);
    connection.prepare('SELECT count(*) FROM sqlite_master').raw(true).get();
    migrate(connection);
    attachSearchIndex(connection, folder);
    attachQaResults(connection, folder);
    return connection;
  } catch (error) {
    connection?.close();
    const translated = storeError(error);
    if (translated instanceof LocdeskError) throw translated;
    throw new LocdeskError('store.unavailable', 'The offline library could not be opened. Check that the disk is not full or read-only.', { cause: error });
  }
}

/** Moves a damaged library aside (`library.sqlite.corrupt-<time>`) and opens a fresh one. */
export function rebuildDatabase(folder: string, now: number = Date.now()): Connection {
  const path = storePath(folder);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, `${path}.corrupt-${now}${suffix}`);
  }
  return openDatabase(folder);
}

