/**
 * Prepared statements kept per connection, so a read the window repeats (the first page of keys, every scroll and
 * search) does not compile the same SQL again each time: preparing costs about 0.15 ms a statement, and an unsearched
 * page took five of them, a large share of its 2–3 ms (issue 17).
 *
 * For SQL over the library and the files attached to it (the search index, the QA results). libsql resets a
 * statement once `get` or `all` has answered, so a kept statement never holds a read open: VACUUM, DETACH and writes
 * on the connection are not blocked by it, and SQLite prepares it again by itself when the schema changes. The cache
 * is bounded (the page query's text varies with the number of keys and languages asked for); the least recently used
 * statement goes first.
 */
import type { Connection, Statement } from './connection';

/** Statements kept per connection; a page asks for at most a handful of shapes, searches a few more. */
const keptStatements = 64;

const caches = new WeakMap<Connection, Map<string, Statement>>();

/**
 * The statement for `sql` on `connection`, prepared on first use; `raw` statements answer rows as arrays. The same
 * text in the other mode is another statement, since the mode is a setting of the statement.
 */
export function cachedStatement(connection: Connection, sql: string, raw: boolean): Statement {
  const cache = caches.get(connection) ?? new Map<string, Statement>();
  caches.set(connection, cache);
  const key = raw ? `r${sql}` : `o${sql}`;
  const found = cache.get(key);
  if (found !== undefined) {
    // Most recently used last, so the oldest is the first dropped.
    cache.delete(key);
    cache.set(key, found);
    return found;
  }
  const statement = connection.prepare(sql).raw(raw);
  cache.set(key, statement);
  for (const old of cache.keys()) {
    if (cache.size <= keptStatements) break;
    cache.delete(old);
  }
  return statement;
}

/** How many statements `connection` keeps; for tests of the bound. */
export function keptStatementCount(connection: Connection): number {
  return caches.get(connection)?.size ?? 0;
}
