/**
 * The FTS5 tokenizer comparison behind the store's choice: the same key documents indexed with unicode61 and with
 * trigram, timed, and asked the same substring and CJK questions. unicode61 is faster to build but finds neither a
 * substring inside a word nor a word inside unspaced CJK text, which a translator's search must.
 */
import Database from 'libsql';
import { Dataset } from '../fake-lokalise/dataset';

/** Build times and hit counts per tokenizer. */
export interface TokenizerComparison {
  documents: number;
  trigramBuildMs: number;
  unicode61BuildMs: number;
  trigramHits: Record<string, number>;
  unicode61Hits: Record<string, number>;
}

const probes = ['ttings', '設定が更新', 'upload', 'Änderungen'];

/** Indexes `count` generated key documents both ways. */
export function compareTokenizers(count: number): TokenizerComparison {
  const dataset = new Dataset({ projects: 1, keysPerProject: count, languages: 10, seed: 3 });
  const project = dataset.projects[0];
  if (project === undefined) throw new Error('no project');
  const documents = Array.from({ length: count }, (_, index) => {
    const key = dataset.key(project, index);
    return [key.keyNames.web, key.description, ...key.translations.map((translation) => translation.value)].join('\n');
  });
  const measure = (tokenizer: string): { ms: number; hits: Record<string, number> } => {
    const connection = new Database(':memory:');
    connection.exec(`CREATE VIRTUAL TABLE t USING fts5(body, content='', tokenize='${tokenizer}')`);
    const insert = connection.prepare('INSERT INTO t (rowid, body) VALUES (?, ?)');
    const started = performance.now();
    connection.transaction(() => documents.forEach((document, index) => insert.run(index + 1, document)))();
    const ms = Math.round(performance.now() - started);
    const count = connection.prepare('SELECT count(*) FROM t WHERE t MATCH ?').raw(true);
    const hits = Object.fromEntries(probes.map((probe) => [probe, (count.get(`"${probe}"`) as [number])[0]]));
    connection.close();
    return { ms, hits };
  };
  const trigram = measure('trigram remove_diacritics 1');
  const unicode = measure('unicode61 remove_diacritics 2');
  return { documents: count, trigramBuildMs: trigram.ms, unicode61BuildMs: unicode.ms, trigramHits: trigram.hits, unicode61Hits: unicode.hits };
}
