/**
 * Looks into a library's files the way an outsider would: through a libsql connection of the test's own, since the
 * store keeps its connection to itself (main/core/store/index.ts). WAL lets it read what the store has committed
 * while the store stays open; the search index is attached as `search`, as the store attaches it.
 */
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import Database from 'libsql';
import { LibraryStore } from '../../../main/core/store';

/** The rows `sql` returns from the library in `folder` (each row as an array of its columns). */
export function readLibrary(folder: string, sql: string, ...parameters: unknown[]): unknown[][] {
  const files = LibraryStore.filesIn(folder);
  const connection = new Database(files.library);
  try {
    if (existsSync(files.searchIndex)) connection.prepare('ATTACH DATABASE ? AS search').run(files.searchIndex);
    return connection.prepare(sql).raw(true).all(...parameters) as unknown[][];
  } finally {
    connection.close();
  }
}

/** The single number `sql` (a count, say) answers from the library in `folder`. */
export function readNumber(folder: string, sql: string, ...parameters: unknown[]): number {
  const value = readLibrary(folder, sql, ...parameters)[0]?.[0];
  if (typeof value !== 'number') throw new Error(`expected a number from ${sql}, got ${String(value)}`);
  return value;
}

/**
 * Overwrites every page of the SQLite file at `path` but the first (the header and schema) with junk, as a disk
 * error or a stray writer would: the file still opens, and the first read of a table finds the damage.
 */
export function damagePages(path: string): void {
  const size = statSync(path).size;
  const start = 4096;
  const handle = openSync(path, 'r+');
  try {
    const junk = Buffer.alloc(Math.max(size - start, 4096), 0x5a);
    writeSync(handle, junk, 0, junk.length, start);
  } finally {
    closeSync(handle);
  }
}

/**
 * Overwrites the root page of `table` in the library in `folder` with junk: opening the library reads nothing of that
 * table, so only a check of the whole file (or the first query of it) finds the damage.
 */
export function damageTableRoot(folder: string, table: string): void {
  const rootPage = readNumber(folder, 'SELECT rootpage FROM sqlite_master WHERE name = ?', table);
  const pageSize = readNumber(folder, 'PRAGMA page_size');
  const handle = openSync(LibraryStore.filesIn(folder).library, 'r+');
  try {
    const junk = Buffer.alloc(pageSize, 0x5a);
    writeSync(handle, junk, 0, junk.length, (rootPage - 1) * pageSize);
  } finally {
    closeSync(handle);
  }
}

/**
 * Moves what the store has committed from the write-ahead logs into the library and index files, so damage written
 * into those files afterwards is what a later read meets.
 */
export function checkpointLibrary(folder: string): void {
  const files = LibraryStore.filesIn(folder);
  for (const path of [files.library, files.searchIndex]) {
    const connection = new Database(path);
    try {
      // The store's threads may still be writing (the index after a sync): wait for them, as the store itself does.
      connection.exec('PRAGMA busy_timeout = 10000');
      connection.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      connection.close();
    }
  }
}

/**
 * Commits a change to the SQLite file at `path` from a connection of the test's own. The store's connection sees
 * another writer's commit at its next read and drops its page cache, so damage written into the file behind its back
 * is met at once, as it is in a library larger than the cache.
 */
export function commitBehindTheStore(path: string): void {
  const connection = new Database(path);
  try {
    // Another writer (the index thread finishing a sync's work) may hold the file for a moment: wait, do not fail.
    connection.exec('PRAGMA busy_timeout = 10000');
    connection.exec('CREATE TABLE written_behind_the_store (x); DROP TABLE written_behind_the_store;');
  } finally {
    connection.close();
  }
}
