/**
 * The library's schema, as numbered migrations applied in order inside one transaction each and recorded in
 * `PRAGMA user_version`. Never edit a shipped migration: add the next number.
 *
 * Snapshot design: every key, translation and language row carries the `generation` of the sync that wrote it, and
 * `projects.generation` names the one readers see. A resync writes generation n+1 in small committed batches that
 * nobody reads, then flips the project's generation in one tiny transaction; old rows are purged afterwards. A
 * failed, cancelled or killed sync therefore leaves the previous snapshot whole (its leftovers are purged on open).
 *
 * Orders (since version 4): the keys table has only its key-id index, in which a sync's rows arrive in order. The
 * orders a list is read in (by name, by last modified, with flags and status masks alongside) go to key_order,
 * written from one sort per order just before the swap. Kept as indexes on keys, they took a random index page per
 * key on every page's commit, about a fifth of a 100,000-key sync's CPU time.
 *
 * Translations: one JSON object per key (`{"iso": [value, pluralForms, reviewed, unverified, modifiedAt]}`) in its own
 * narrow-keyed table, so the keys table stays small enough to count and sort 100,000 rows from an index; plus three
 * bitmasks over the project's language positions (empty, unverified, not reviewed), so a million translations cost
 * a hundred thousand rows and the status filters are integer tests. Languages past position 52 (JavaScript's safe
 * integer range) are matched through the JSON instead.
 *
 * Search: one FTS5 document per key (names, description, context, every translation), kept since version 3 in its own
 * file attached as `search` (see search-index.ts). Measured by `npm run bench` (`tokenizers` in bench.json) on 20,000
 * generated key documents × 10 languages (this 2-core machine, Node 20, libsql 0.5.29):
 *
 *   |                          | trigram | unicode61 | unicode61 + term list |
 *   | build (+ term list copy) | 2.5 s   | 0.6 s     | 0.7 s                 |
 *   | index size               | 24.5 MB | 5.1 MB    | 5.2 MB                |
 *   | query p50 (LIMIT 200)    | 0.23 ms | 0.01 ms   | 0.75 ms (with expansion) |
 *   | "upload" (whole word)    | 932     | 932       | 932                   |
 *   | "ttings" (substring)     | 2,886   | 0         | 2,886                 |
 *   | "設定が更新" (CJK run)    | 1,499   | 0         | 1,499                 |
 *   | "Änderungen" (diacritic) | 1,727   | 1,727     | 1,727                 |
 *
 * unicode61 alone cannot find substrings or words inside unspaced CJK runs, which rules it out for a translator's
 * search. Trigram finds them but costs four times as much to build, and on a 100,000-key sync that was the largest
 * single cost of the sync (about 9 s of CPU on the indexing thread). The index therefore holds unicode61 words plus
 * their list, and a search expands what was typed into the indexed words that contain it (search.ts): the same
 * answers as trigram for every probe, for about a quarter of the build. An index file of the earlier trigram design is
 * replaced and rebuilt from the library when it is first opened.
 */

import { keyOrderSql } from './key-order';

/** One schema step. */
export interface Migration {
  readonly version: number;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE teams (
        team_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL
      );
      CREATE TABLE projects (
        project_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        base_language_id INTEGER,
        base_language_iso TEXT,
        team_id INTEGER,
        created_at INTEGER,
        progress_total INTEGER NOT NULL DEFAULT 0,
        keys_total INTEGER NOT NULL DEFAULT 0,
        language_progress TEXT NOT NULL DEFAULT '[]',
        keep_offline INTEGER NOT NULL DEFAULT 0,
        access TEXT NOT NULL DEFAULT 'ok',
        generation INTEGER NOT NULL DEFAULT 0,
        listed_at INTEGER
      );
      CREATE TABLE languages (
        project_id TEXT NOT NULL,
        generation INTEGER NOT NULL,
        position INTEGER NOT NULL,
        lang_id INTEGER NOT NULL,
        iso TEXT NOT NULL,
        name TEXT NOT NULL,
        is_rtl INTEGER NOT NULL,
        plural_forms TEXT NOT NULL,
        PRIMARY KEY (project_id, generation, iso)
      );
      CREATE TABLE keys (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL,
        generation INTEGER NOT NULL,
        key_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        name_ios TEXT NOT NULL,
        name_android TEXT NOT NULL,
        name_web TEXT NOT NULL,
        name_other TEXT NOT NULL,
        description TEXT NOT NULL,
        context TEXT NOT NULL,
        char_limit INTEGER NOT NULL,
        tags TEXT NOT NULL,
        platforms TEXT NOT NULL,
        is_plural INTEGER NOT NULL,
        plural_name TEXT NOT NULL,
        is_hidden INTEGER NOT NULL,
        is_archived INTEGER NOT NULL,
        created_at INTEGER,
        modified_at INTEGER,
        empty_mask INTEGER NOT NULL,
        unverified_mask INTEGER NOT NULL,
        unreviewed_mask INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX keys_by_project ON keys (project_id, generation, key_id);
      CREATE INDEX keys_by_name ON keys (project_id, generation, name COLLATE NOCASE, key_id);
      CREATE INDEX keys_by_modified ON keys (project_id, generation, modified_at DESC, key_id);
      CREATE INDEX keys_visible ON keys (project_id, generation, is_archived, is_hidden, name COLLATE NOCASE, key_id, empty_mask, unverified_mask, unreviewed_mask);
      CREATE TABLE key_translations (
        key_row INTEGER PRIMARY KEY,
        translations TEXT NOT NULL
      );
      CREATE TABLE sync_facts (
        project_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        last_synced_at INTEGER,
        duration_ms INTEGER,
        key_count INTEGER NOT NULL DEFAULT 0,
        translation_count INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      );
      CREATE VIRTUAL TABLE key_text USING fts5(body, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1');
    `,
  },
  {
    // The key counts of the current snapshot by archived/hidden, written at the swap, so the unfiltered view (the
    // first thing a translator sees) needs no count over 100,000 index entries.
    version: 2,
    sql: `ALTER TABLE projects ADD COLUMN key_counts TEXT;`,
  },
  {
    // The full-text index moves to its own file (search-index.ts) so a second thread can build it during a sync;
    // the new file is filled from the library when it is first attached.
    version: 3,
    sql: `DROP TABLE IF EXISTS main.key_text;`,
  },
  {
    // The list orders move from three indexes on keys to key_order (see key-order.ts), written once per
    // snapshot from a sort at the swap rather than maintained row by row while a sync inserts in key id order.
    // Existing snapshots get their orders here.
    version: 4,
    sql: `
      CREATE TABLE key_order (
        project_id TEXT NOT NULL,
        generation INTEGER NOT NULL,
        sort INTEGER NOT NULL,
        position INTEGER NOT NULL,
        id INTEGER NOT NULL,
        is_archived INTEGER NOT NULL,
        is_hidden INTEGER NOT NULL,
        empty_mask INTEGER NOT NULL,
        unverified_mask INTEGER NOT NULL,
        unreviewed_mask INTEGER NOT NULL,
        PRIMARY KEY (project_id, generation, sort, position)
      ) WITHOUT ROWID;
      ${[0, 1].map((sort) => keyOrderSql(sort as 0 | 1, 'k.project_id = p.project_id AND k.generation = p.generation', 'JOIN projects p ON p.project_id = k.project_id')).join(';\n')};
      DROP INDEX keys_by_name;
      DROP INDEX keys_by_modified;
      DROP INDEX keys_visible;
    `,
  },
  {
    // Incremental resync (see resync-basis.ts): each key keeps the time its translations last changed, beside the
    // time the key itself did (modified_at), so a resync can tell from a listing without translations which keys
    // to download again. snapshot_format names what the current snapshot holds: one written before this version
    // lacks those times, so its next sync is a full one. sync_facts gains what the last sync changed.
    version: 5,
    sql: `
      ALTER TABLE keys ADD COLUMN translations_modified_at INTEGER;
      ALTER TABLE projects ADD COLUMN snapshot_format INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sync_facts ADD COLUMN kind TEXT;
      ALTER TABLE sync_facts ADD COLUMN keys_updated INTEGER;
      ALTER TABLE sync_facts ADD COLUMN keys_added INTEGER;
      ALTER TABLE sync_facts ADD COLUMN keys_removed INTEGER;
    `,
  },
];

/**
 * What a snapshot written by this build holds, stored in projects.snapshot_format at every swap. A resync carries
 * keys over from the current snapshot only when it has this format; raise it whenever a migration changes what a
 * sync stores per key, so the next sync of every project is a full one.
 */
export const snapshotFormat = 1;
