/**
 * The reading side of the index's word list (see search-index.ts): which indexed words contain a fragment of what a
 * translator typed, and how the index's own tokenizer cuts and folds that text.
 *
 * The tokenizing is left to SQLite rather than imitated in JavaScript, so a query is folded (case, diacritics) and
 * split exactly as the documents were: a temporary FTS5 table on the reading connection takes the query and its
 * `instance` vocabulary hands back the words in order. The word list is kept in memory as one newline-separated
 * string (words never contain a newline, the tokenizer splits there), reloaded only when an index load has replaced
 * it, and searched with `indexOf`: at 100,000 words that is about a megabyte, scanned in well under a millisecond.
 */
import type { Connection, Statement } from './connection';

/** What a search needs from the index's words; an interface so search.ts stays free of SQL about the index. */
export interface Vocabulary {
  /** The words of each text in order, as the index's tokenizer cuts and folds them; none for punctuation only. */
  words(texts: readonly string[]): string[][];
  /** Every indexed word that contains `fragment` (a folded word), or null when more than `limit` do. */
  containing(fragment: string, limit: number): string[] | null;
}

interface WordList {
  readonly version: number;
  /** Every word, each between two newlines. */
  readonly text: string;
}

/** What one connection keeps for its searches: its statements, prepared once, and its copy of the word list. */
interface Reader {
  readonly version: Statement;
  readonly words: Statement;
  readonly insertQuery: Statement;
  readonly queryWords: Statement;
  list: WordList | null;
}

const readers = new WeakMap<Connection, Reader>();

function readerOf(connection: Connection): Reader {
  const found = readers.get(connection);
  if (found !== undefined) return found;
  connection.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_words USING fts5(body, tokenize='unicode61 remove_diacritics 1')");
  connection.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_word_instances USING fts5vocab(temp, query_words, 'instance')");
  const reader: Reader = {
    version: connection.prepare('SELECT version FROM search.terms_version').raw(true),
    words: connection.prepare('SELECT group_concat(term, char(10)) FROM search.terms').raw(true),
    insertQuery: connection.prepare('INSERT INTO temp.query_words (rowid, body) VALUES (?, ?)'),
    queryWords: connection.prepare('SELECT doc, term FROM temp.query_word_instances ORDER BY doc, "offset"').raw(true),
    list: null,
  };
  readers.set(connection, reader);
  return reader;
}

function wordList(connection: Connection): string {
  const reader = readerOf(connection);
  const version = (reader.version.get() as [number] | undefined)?.[0] ?? 0;
  if (reader.list?.version === version) return reader.list.text;
  const joined = reader.words.get() as [string | null];
  reader.list = { version, text: `\n${joined[0] ?? ''}\n` };
  return reader.list.text;
}

function tokenize(connection: Connection, texts: readonly string[]): string[][] {
  const reader = readerOf(connection);
  const words: string[][] = texts.map(() => []);
  connection.transaction(() => {
    texts.forEach((text, index) => reader.insertQuery.run(index + 1, text));
    for (const [doc, term] of reader.queryWords.all() as [number, string][]) words[doc - 1]?.push(term);
    connection.exec('DELETE FROM temp.query_words');
  })();
  return words;
}

function containing(text: string, fragment: string, limit: number): string[] | null {
  const found: string[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(fragment, from);
    if (at < 0) return found;
    const start = text.lastIndexOf('\n', at) + 1;
    const end = text.indexOf('\n', at + fragment.length);
    if (found.length === limit) return null;
    found.push(text.slice(start, end));
    // The rest of this word cannot start another one.
    from = end + 1;
  }
}

/** The vocabulary of the index attached to `connection` as `search`. */
export function indexVocabulary(connection: Connection): Vocabulary {
  return {
    words: (texts) => tokenize(connection, texts),
    containing: (fragment, limit) => containing(wordList(connection), fragment, limit),
  };
}
