/**
 * Looks into a library's files the way an outsider would: through a libsql connection of the test's own, since the
 * store keeps its connection to itself (main/core/store/index.ts). WAL lets it read what the store has committed
 * while the store stays open; the search index is attached as `search`, as the store attaches it.
 */
import { existsSync } from 'node:fs';
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
