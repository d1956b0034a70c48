/**
 * The full-text index lives in its own file (`search.sqlite`), attached to the library connection as `search`, so a
 * sync can build it on a second thread while the main thread stores the keys: SQLite lets one writer at a time into a
 * file, and indexing a million translations is a large share of a sync's work (3.3 s of CPU for the bench's 100,000
 * keys with unicode61, against 10.7 s with trigram).
 *
 * The index is derived data. Every key row id it holds points at a key in the library, and readers always join back
 * to the current generation there, so rows of an unfinished sync are invisible. If the file is missing (a library
 * from before version 3) or damaged, it is rebuilt from the keys and translations the library already holds.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from './connection';
import { isDamage } from './damage';
import type { StoredTranslation } from './stored-translations';

/** The index file inside the data folder. */
export function searchIndexPath(folder: string): string {
  return join(folder, 'search.sqlite');
}

/**
 * The index's tables. `key_words` holds one unicode61-tokenized document per key. `terms` is its vocabulary, every
 * distinct folded word, copied out after each load so a search can find the words that contain what was typed (a
 * substring, or part of an unspaced CJK run) in memory and ask the index for those words. That gives the substring
 * and CJK matches of a trigram index, which costs about four times as much to build (see migrations.ts for the figures).
 * `terms_version` tells a reader when its copy of the term list is out of date.
 */
const searchTablesSql: readonly string[] = [
  "CREATE VIRTUAL TABLE IF NOT EXISTS search.key_words USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 1')",
  "CREATE VIRTUAL TABLE IF NOT EXISTS search.key_words_vocabulary USING fts5vocab(key_words, 'row')",
  'CREATE TABLE IF NOT EXISTS search.terms (term TEXT PRIMARY KEY) WITHOUT ROWID',
  'CREATE TABLE IF NOT EXISTS search.terms_version (version INTEGER NOT NULL)',
  'INSERT INTO search.terms_version (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM search.terms_version)',
];

/**
 * Replaces the term list with the index's vocabulary and bumps its version. `schema` is `search.` on the library
 * connection and empty on the indexing thread's own connection to the file. The vocabulary can still hold words of
 * deleted documents until FTS5 merges them away; a word too many only costs a lookup that finds nothing.
 */
export function refreshTerms(connection: Connection, schema: 'search.' | ''): void {
  connection.transaction(() => {
    for (const sql of termRefreshSql(schema)) connection.exec(sql);
  })();
}

/** The statements of refreshTerms, also handed to the indexing thread at its start (its bundle leaves this module out). */
export function termRefreshSql(schema: 'search.' | ''): string[] {
  return [
    `DELETE FROM ${schema}terms`,
    `INSERT INTO ${schema}terms (term) SELECT term FROM ${schema}key_words_vocabulary`,
    `UPDATE ${schema}terms_version SET version = version + 1`,
  ];
}

/** Deletes the index file (and its WAL files); it is rebuilt from the library on the next open. */
export function removeSearchIndex(folder: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(searchIndexPath(folder) + suffix, { force: true });
}

/** Creates the index's tables in the database attached as `search` where they are missing. */
export function createSearchTables(connection: Connection): void {
  for (const sql of searchTablesSql) connection.exec(sql);
}

/** True when the attached index predates the term list (a trigram `key_text` table) and must be built anew. */
function isOutdated(connection: Connection): boolean {
  const row = connection.prepare("SELECT count(*) FROM search.sqlite_master WHERE name = 'key_text'").raw(true).get() as [number];
  return row[0] > 0;
}

function attachOnce(connection: Connection, path: string): boolean {
  const existed = existsSync(path);
  connection.prepare('ATTACH DATABASE ? AS search').run(path);
  try {
    connection.exec('PRAGMA search.journal_mode = WAL');
    connection.exec('PRAGMA search.synchronous = NORMAL');
    const present = connection.prepare("SELECT count(*) FROM search.sqlite_master WHERE name = 'terms_version'").raw(true).get() as [number];
    createSearchTables(connection);
    return !existed || present[0] === 0;
  } catch (error) {
    connection.exec('DETACH DATABASE search');
    throw error;
  }
}

/** Attaches the index file, replacing it first when it is of an older design (it is derived data). */
function attachCurrent(connection: Connection, folder: string): boolean {
  const path = searchIndexPath(folder);
  const created = attachOnce(connection, path);
  if (!isOutdated(connection)) return created;
  connection.exec('DETACH DATABASE search');
  removeSearchIndex(folder);
  return attachOnce(connection, path);
}

/**
 * Attaches the index in `folder` to `connection`, creating it when missing and replacing it when damaged; then
 * fills it from the library whenever it was created here while the library already holds keys.
 */
export function attachSearchIndex(connection: Connection, folder: string): void {
  let created: boolean;
  try {
    created = attachCurrent(connection, folder);
  } catch (error) {
    if (!isDamage(error)) throw error;
    removeSearchIndex(folder);
    created = attachCurrent(connection, folder);
  }
  if (created) rebuildSearchIndex(connection);
}

/**
 * The text a key is found by: its platform names, description and context, and every translation (each plural form
 * for plural keys), each distinct text once. A key matches when any part does, so a repeated text (a name shared by
 * platforms, a form equal to another, a term left untranslated) would only cost indexing time. One function for
 * the sync (from the API's keys) and the rebuild (from stored rows), so both index the same text.
 */
export function documentText(names: readonly string[], description: string, context: string, translations: Iterable<readonly [string, Readonly<Record<string, string>> | null]>): string {
  const parts = new Set([...names, description, context]);
  for (const [value, forms] of translations) {
    if (forms === null) parts.add(value);
    else for (const form of Object.values(forms)) parts.add(form);
  }
  parts.delete('');
  return [...parts].join('\n');
}

/** Re-indexes every key of every current snapshot, in batches; used after an upgrade or when the index was lost. */
function rebuildSearchIndex(connection: Connection): void {
  connection.exec("INSERT INTO search.key_words (key_words) VALUES ('delete-all')");
  const select = connection.prepare(
    `SELECT k.id, k.name_web, k.name_ios, k.name_android, k.name_other, k.description, k.context, t.translations
     FROM keys k JOIN projects p ON p.project_id = k.project_id AND p.generation = k.generation
     JOIN key_translations t ON t.key_row = k.id WHERE k.id > ? ORDER BY k.id LIMIT 2000`,
  ).raw(true);
  const insert = connection.prepare('INSERT INTO search.key_words (rowid, body) VALUES (?, ?)');
  let after = 0;
  for (;;) {
    const rows = select.all(after) as [number, string, string, string, string, string, string, string][];
    if (rows.length === 0) break;
    connection.transaction(() => {
      for (const [id, web, ios, android, other, description, context, translations] of rows) {
        const stored = Object.values(JSON.parse(translations) as Record<string, StoredTranslation>);
        insert.run(id, documentText([web, ios, android, other], description, context, stored.map(([value, forms]) => [value, forms] as const)));
      }
    })();
    after = rows.at(-1)?.[0] ?? after;
  }
  refreshTerms(connection, 'search.');
}
