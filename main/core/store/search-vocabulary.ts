/**
 * The reading side of the index's word list (see search-index.ts): which indexed words contain a fragment of what a
 * translator typed, and how the index's own tokenizer cuts and folds that text.
 *
 * The tokenizing is left to SQLite rather than imitated in JavaScript, so a query is folded (case, diacritics) and
 * split exactly as the documents were: a temporary FTS5 table on the reading connection takes the query and its
 * `instance` vocabulary hands back the words in order. Only ASCII-only text, whose cutting and folding are simple
 * and exactly known (`asciiWords`), is split in JavaScript. The word list is kept in memory as one newline-separated
 * run of UTF-8 bytes (words never contain a newline, the tokenizer splits there), replaced only when an index load
 * has replaced it, and searched with `indexOf` on the bytes: at 100,000 words that is about a megabyte, scanned in
 * well under a millisecond. UTF-8 is self-synchronising, so a word's bytes found inside another's are always that
 * word as text, and only the words found are ever decoded. Bytes rather than text also let a sync read the list on
 * the writing thread and hand it over with zero copy (search-handover.ts), and a thread read it after a start with a
 * snapshot's search arrays (search-ranks-thread.ts); main reads it itself only when neither did (a pushed edit added
 * words, no thread could run), and never while a sync is swapping. Both
 * answers are kept for the texts and fragments asked last: every page of a search's results asks them again.
 */
import type { Connection, Statement } from './connection';

/** What a search needs from the index's words; an interface so search.ts stays free of SQL about the index. */
export interface Vocabulary {
  /** The words of each text in order, as the index's tokenizer cuts and folds them; none for punctuation only. */
  words(texts: readonly string[]): string[][];
  /** Every indexed word that contains `fragment` (a folded word), or null when more than `limit` do. */
  containing(fragment: string, limit: number): string[] | null;
}

/** A copy of the index's word list, as of the list's `version`. */
export interface WordList {
  readonly version: number;
  /** Every word, each between two newlines, in UTF-8. */
  readonly bytes: Uint8Array;
}

/** What one connection keeps for its searches: its statements, prepared once. */
interface Reader {
  readonly version: Statement;
  readonly insertQuery: Statement;
  readonly queryWords: Statement;
}

/** Per connection: its copy of the word list, and whether a sync is swapping (the copy is then kept as it is). */
interface ListState {
  list: Buffer | null;
  version: number;
  held: boolean;
}

const readers = new WeakMap<Connection, Reader>();
const lists = new WeakMap<Connection, ListState>();

function readerOf(connection: Connection): Reader {
  const found = readers.get(connection);
  if (found !== undefined) return found;
  connection.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_words USING fts5(body, tokenize='unicode61 remove_diacritics 1')");
  connection.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_word_instances USING fts5vocab(temp, query_words, 'instance')");
  const reader: Reader = {
    version: connection.prepare('SELECT version FROM search.terms_version').raw(true),
    insertQuery: connection.prepare('INSERT INTO temp.query_words (rowid, body) VALUES (?, ?)'),
    queryWords: connection.prepare('SELECT doc, term FROM temp.query_word_instances ORDER BY doc, "offset"').raw(true),
  };
  readers.set(connection, reader);
  return reader;
}

function stateOf(connection: Connection): ListState {
  const found = lists.get(connection);
  if (found !== undefined) return found;
  const state: ListState = { list: null, version: -1, held: false };
  lists.set(connection, state);
  return state;
}

/**
 * Reads the word list of the index attached to `connection` as `search`, as bytes (SQLite hands a BLOB over without
 * decoding it), into a buffer of its own that can be transferred to another thread.
 */
export function readWordList(connection: Connection): WordList {
  return connection.transaction(() => {
    const version = (connection.prepare('SELECT version FROM search.terms_version').raw(true).get() as [number] | undefined)?.[0] ?? 0;
    const joined = (connection.prepare('SELECT CAST(group_concat(term, char(10)) AS BLOB) FROM search.terms').raw(true).get() as [Uint8Array | null] | undefined)?.[0] ?? null;
    const bytes = new Uint8Array((joined?.byteLength ?? 0) + 2);
    bytes[0] = 10;
    if (joined !== null) bytes.set(joined, 1);
    bytes[bytes.length - 1] = 10;
    return { version, bytes };
  })();
}

/** Keeps `list` (read elsewhere: the writing thread) as `connection`'s copy of the word list. */
export function adoptWordList(connection: Connection, list: WordList): void {
  const state = stateOf(connection);
  state.list = Buffer.from(list.bytes.buffer, list.bytes.byteOffset, list.bytes.byteLength);
  state.version = list.version;
}

/**
 * Keeps `list` (read on a thread after a start: search-ranks-thread.ts) unless `connection` holds this version or a
 * newer one, or a sync is swapping (it hands its own list over). A list older than the index's current one is read
 * again on the next search, as any out-of-date copy is.
 */
export function offerWordList(connection: Connection, list: WordList): void {
  const state = stateOf(connection);
  if (state.held || (state.list !== null && state.version >= list.version)) return;
  adoptWordList(connection, list);
}

/** `connection`'s copy of the word list, if it has one (read nowhere); for tests of where it comes from. */
export function heldWordList(connection: Connection): WordList | null {
  const state = lists.get(connection);
  return state?.list === null || state === undefined ? null : { version: state.version, bytes: state.list };
}

/**
 * While `held`, a new version of the word list is not read on `connection`: a sync is between its index's last
 * load and the swap, and hands the new list over itself (search-handover.ts). The copy held names every word of the
 * snapshot still current; the new list comes with the new snapshot.
 */
export function holdWordList(connection: Connection, held: boolean): void {
  stateOf(connection).held = held;
}

function wordList(connection: Connection): Buffer {
  const state = stateOf(connection);
  if (state.list !== null && state.held) return state.list;
  const version = (readerOf(connection).version.get() as [number] | undefined)?.[0] ?? 0;
  if (state.list !== null && state.version === version) return state.list;
  adoptWordList(connection, readWordList(connection));
  return state.list ?? Buffer.alloc(0);
}

/** Answers kept per connection or word list: a translator's search asks again for each page it scrolls through. */
const keptAnswers = 64;

/** `answers.get(key)` made the most recently used, or undefined; the oldest goes once there are more than kept. */
function recall<T>(answers: Map<string, T>, key: string): T | undefined {
  const found = answers.get(key);
  if (found !== undefined) {
    answers.delete(key);
    answers.set(key, found);
  }
  return found;
}

function remember<T>(answers: Map<string, T>, key: string, answer: T): void {
  answers.set(key, answer);
  for (const old of answers.keys()) {
    if (answers.size <= keptAnswers) break;
    answers.delete(old);
  }
}

/** Each text's words, by text: the tokenizer is fixed, so a text cuts the same way for as long as the connection lives. */
const tokenized = new WeakMap<Connection, Map<string, readonly string[]>>();

/** Text of ASCII characters only (the common case: Latin words, code-like names): none past 0x7f. */
const beyondAscii = /[^\p{ASCII}]/u;
const isAscii = (text: string): boolean => !beyondAscii.test(text);
/** A run of ASCII characters unicode61 keeps inside a word: letters and digits only (its table for 0x00–0x7f). */
const asciiWord = /[A-Za-z0-9]+/g;

/**
 * The words unicode61 cuts an ASCII-only `text` into, folded as it folds them: runs of letters and digits, in lower
 * case (diacritics do not occur); null for any other text. Exact for ASCII, so such a text skips the round trip
 * through SQLite's tokenizer on a query's first run, before its words are cached; any other text still takes it.
 */
export function asciiWords(text: string): string[] | null {
  if (!isAscii(text)) return null;
  return (text.match(asciiWord) ?? []).map((word) => word.toLowerCase());
}

function tokenize(connection: Connection, texts: readonly string[]): string[][] {
  const known = tokenized.get(connection) ?? new Map<string, readonly string[]>();
  tokenized.set(connection, known);
  const words: string[][] = texts.map((text) => [...(recall(known, text) ?? asciiWords(text) ?? [])]);
  const unknown = texts.map((text, index) => index).filter((index) => !known.has(texts[index] ?? '') && !isAscii(texts[index] ?? ''));
  if (unknown.length === 0) return words;
  const reader = readerOf(connection);
  connection.transaction(() => {
    unknown.forEach((index) => reader.insertQuery.run(index + 1, texts[index]));
    for (const [doc, term] of reader.queryWords.all() as [number, string][]) words[doc - 1]?.push(term);
    connection.exec('DELETE FROM temp.query_words');
  })();
  for (const index of unknown) remember(known, texts[index] ?? '', [...(words[index] ?? [])]);
  return words;
}

/** `containing`'s answers by word list: a new list (after a load or a sync) is a new buffer, so it starts afresh. */
const containingAnswers = new WeakMap<Buffer, Map<string, readonly string[] | null>>();

function containing(list: Buffer, fragment: string, limit: number): string[] | null {
  const answers = containingAnswers.get(list) ?? new Map<string, readonly string[] | null>();
  containingAnswers.set(list, answers);
  const key = `${String(limit)}\u0000${fragment}`;
  const known = recall(answers, key);
  if (known !== undefined) return known === null ? null : [...known];
  const found = searchList(list, fragment, limit);
  remember(answers, key, found === null ? null : [...found]);
  return found;
}

function searchList(list: Buffer, fragment: string, limit: number): string[] | null {
  const needle = Buffer.from(fragment);
  const found: string[] = [];
  let from = 0;
  for (;;) {
    const at = list.indexOf(needle, from);
    if (at < 0) return found;
    const start = list.lastIndexOf(10, at) + 1;
    const end = list.indexOf(10, at + needle.length);
    if (found.length === limit) return null;
    found.push(list.toString('utf8', start, end));
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
