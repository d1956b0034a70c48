/**
 * The FTS5 tokenizer comparison behind the store's choice: the same key documents indexed with unicode61 and with
 * trigram, timed (build and query), sized, and asked the same whole-word, substring and CJK questions. unicode61
 * alone is faster to build and smaller but finds neither a substring inside a word nor a word inside unspaced CJK
 * text, which a translator's search must. The third entry is what the store does: unicode61 plus its term list,
 * searched through the store's own search code (build time includes copying out the term list), which should find
 * what trigram finds.
 */
import Database from 'libsql';
import { buildSearch } from '../../main/core/store/search';
import { createSearchTables, refreshTerms } from '../../main/core/store/search-index';
import { indexVocabulary } from '../../main/core/store/search-vocabulary';
import { Dataset } from '../fake-lokalise/dataset';

/** Build time, index size, query time and hit counts per tokenizer. */
export interface TokenizerComparison {
  documents: number;
  trigramBuildMs: number;
  unicode61BuildMs: number;
  trigramSizeMb: number;
  unicode61SizeMb: number;
  /** Median time of one probe query (`MATCH … LIMIT 200`), over every probe and several rounds. */
  trigramQueryP50Ms: number;
  unicode61QueryP50Ms: number;
  trigramHits: Record<string, number>;
  unicode61Hits: Record<string, number>;
  /** unicode61 with the term list, as the store searches. */
  wordsBuildMs: number;
  wordsSizeMb: number;
  wordsQueryP50Ms: number;
  wordsHits: Record<string, number>;
}

/** A whole word, a substring inside words, CJK inside an unspaced run, a diacritic, and a miss. */
const probes = ['upload', 'ttings', '設定が更新', 'Änderungen', 'xylophone'];
const queryRounds = 20;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 100) / 100;
}

/** Indexes `count` generated key documents both ways. */
export function compareTokenizers(count: number): TokenizerComparison {
  const dataset = new Dataset({ projects: 1, keysPerProject: count, languages: 10, seed: 3 });
  const project = dataset.projects[0];
  if (project === undefined) throw new Error('no project');
  const documents = Array.from({ length: count }, (_, index) => {
    const key = dataset.key(project, index);
    return [key.keyNames.web, key.description, ...key.translations.map((translation) => translation.value)].join('\n');
  });
  const measure = (tokenizer: string): { ms: number; sizeMb: number; queryMs: number; hits: Record<string, number> } => {
    const connection = new Database(':memory:');
    connection.exec(`CREATE VIRTUAL TABLE t USING fts5(body, content='', tokenize='${tokenizer}')`);
    const insert = connection.prepare('INSERT INTO t (rowid, body) VALUES (?, ?)');
    const started = performance.now();
    connection.transaction(() => documents.forEach((document, index) => insert.run(index + 1, document)))();
    connection.exec("INSERT INTO t (t) VALUES ('optimize')");
    const ms = Math.round(performance.now() - started);
    const pages = (connection.prepare('PRAGMA page_count').raw(true).get() as [number])[0];
    const pageSize = (connection.prepare('PRAGMA page_size').raw(true).get() as [number])[0];
    const count = connection.prepare('SELECT count(*) FROM t WHERE t MATCH ?').raw(true);
    const hits = Object.fromEntries(probes.map((probe) => [probe, (count.get(`"${probe}"`) as [number])[0]]));
    const page = connection.prepare('SELECT rowid FROM t WHERE t MATCH ? LIMIT 200').raw(true);
    const times: number[] = [];
    for (let round = 0; round < queryRounds; round += 1) {
      for (const probe of probes) {
        const queryStarted = performance.now();
        page.all(`"${probe}"`);
        times.push(performance.now() - queryStarted);
      }
    }
    connection.close();
    return { ms, sizeMb: Math.round((pages * pageSize) / 1e5) / 10, queryMs: median(times), hits };
  };
  const words = measureWords(documents);
  const trigram = measure('trigram remove_diacritics 1');
  const unicode = measure('unicode61 remove_diacritics 2');
  return {
    documents: count,
    trigramBuildMs: trigram.ms,
    unicode61BuildMs: unicode.ms,
    trigramSizeMb: trigram.sizeMb,
    unicode61SizeMb: unicode.sizeMb,
    trigramQueryP50Ms: trigram.queryMs,
    unicode61QueryP50Ms: unicode.queryMs,
    trigramHits: trigram.hits,
    unicode61Hits: unicode.hits,
    wordsBuildMs: words.ms,
    wordsSizeMb: words.sizeMb,
    wordsQueryP50Ms: words.queryMs,
    wordsHits: words.hits,
  };
}

/** The store's design on the same documents: its tables, its term list and its search expressions. */
function measureWords(documents: readonly string[]): { ms: number; sizeMb: number; queryMs: number; hits: Record<string, number> } {
  const connection = new Database(':memory:');
  connection.exec("ATTACH DATABASE ':memory:' AS search");
  createSearchTables(connection);
  const insert = connection.prepare('INSERT INTO search.key_words (rowid, body) VALUES (?, ?)');
  const started = performance.now();
  connection.transaction(() => documents.forEach((document, index) => insert.run(index + 1, document)))();
  connection.exec("INSERT INTO search.key_words (key_words) VALUES ('optimize')");
  refreshTerms(connection, 'search.');
  const ms = Math.round(performance.now() - started);
  const pages = (connection.prepare('PRAGMA search.page_count').raw(true).get() as [number])[0];
  const pageSize = (connection.prepare('PRAGMA search.page_size').raw(true).get() as [number])[0];
  const vocabulary = indexVocabulary(connection);
  const expression = (probe: string): string => buildSearch(probe, vocabulary).match ?? '""';
  const count = connection.prepare('SELECT count(*) FROM search.key_words WHERE key_words MATCH ?').raw(true);
  const hits = Object.fromEntries(probes.map((probe) => [probe, (count.get(expression(probe)) as [number])[0]]));
  const page = connection.prepare('SELECT rowid FROM search.key_words WHERE key_words MATCH ? LIMIT 200').raw(true);
  const times: number[] = [];
  for (let round = 0; round < queryRounds; round += 1) {
    for (const probe of probes) {
      // Timed with the expansion through the term list, which a search pays on every query.
      const queryStarted = performance.now();
      page.all(expression(probe));
      times.push(performance.now() - queryStarted);
    }
  }
  connection.close();
  return { ms, sizeMb: Math.round((pages * pageSize) / 1e5) / 10, queryMs: median(times), hits };
}
