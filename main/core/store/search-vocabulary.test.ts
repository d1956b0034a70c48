import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { internalsOf, LibraryStore } from './library-store';
import { searchIndexPath } from './search-index';
import { WorkerSearchIndexWriter } from './search-index-writer';
import Database from 'libsql';
import { asciiWords, indexVocabulary } from './search-vocabulary';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function indexed(documents: readonly string[]): Promise<{ store: LibraryStore; writer: WorkerSearchIndexWriter }> {
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-vocabulary-'));
  const store = LibraryStore.open(folder);
  cleanups.push(() => store.close());
  const writer = await WorkerSearchIndexWriter.start(searchIndexPath(folder));
  cleanups.push(() => writer.close());
  writer.begin();
  writer.add(documents.map((_, index) => index + 1), documents);
  await writer.flush();
  return { store, writer };
}

/** How SQLite's unicode61 tokenizer, set up as the index's (search-index.ts), cuts and folds each of `texts`. */
function sqliteWords(texts: readonly string[]): string[][] {
  const connection = new Database(':memory:');
  try {
    connection.exec("CREATE VIRTUAL TABLE words USING fts5(body, tokenize='unicode61 remove_diacritics 1')");
    connection.exec("CREATE VIRTUAL TABLE instances USING fts5vocab(words, 'instance')");
    const insert = connection.prepare('INSERT INTO words (rowid, body) VALUES (?, ?)');
    texts.forEach((text, index) => insert.run(index + 1, text));
    const words = texts.map((): string[] => []);
    for (const [doc, term] of connection.prepare('SELECT doc, term FROM instances ORDER BY doc, "offset"').raw(true).all() as [number, string][]) words[doc - 1]?.push(term);
    return words;
  } finally {
    connection.close();
  }
}

describe('index vocabulary', () => {
  it('cuts ASCII-only text in JavaScript exactly as SQLite’s tokenizer does, and leaves every other text to it', () => {
    // Every ASCII character between two words and at either end, then words as translators and key names have them.
    const characters = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
    const texts = [
      ...characters.map((character) => `Ab${character}cD9`),
      ...characters.map((character) => `${character}x_1${character}`),
      'Save changes',
      'settings.title_v2 (iOS) - no',
      "l'app DOWNLOAD_report 100% {count}",
      '  leading\ttabs\nand\rreturns  ',
      'snake_case camelCase kebab-case 3.14 v1.2.3 #42 @user a+b=c ~/path',
      '',
      '%_*"()[]',
    ];
    expect(texts.map((text) => asciiWords(text))).toEqual(sqliteWords(texts));
    for (const text of ['Änderungen', 'café', '設定', 'naïve_test', 'emoji 😀', 'nbsp\u00a0here']) expect(asciiWords(text)).toBeNull();
  });


  it("cuts and folds text as the index's tokenizer does: case, diacritics, punctuation, unspaced CJK runs", async () => {
    const { store } = await indexed([]);
    expect(indexVocabulary(internalsOf(store).connection).words(['Änderungen', 'settings.title', "l'Été", '設定が更新されました。完了', '%%', 'ÇA'])).toEqual([
      ['anderungen'],
      ['settings', 'title'],
      ['l', 'ete'],
      ['設定が更新されました', '完了'],
      [],
      ['ca'],
    ]);
  });

  it('finds every indexed word that contains a fragment, in any script, and says when there are too many', async () => {
    const { store } = await indexed(['Settings menu', 'settingsPanel upsetting', '設定が更新されました', 'Téléchargement 117 17']);
    const vocabulary = indexVocabulary(internalsOf(store).connection);
    expect(vocabulary.containing('etting', 10)?.sort()).toEqual(['settings', 'settingspanel', 'upsetting']);
    expect(vocabulary.containing('が更新', 10)).toEqual(['設定が更新されました']);
    expect(vocabulary.containing('telecharge', 10)).toEqual(['telechargement']);
    expect(vocabulary.containing('17', 10)?.sort()).toEqual(['117', '17']);
    expect(vocabulary.containing('17', 1)).toBeNull();
    expect(vocabulary.containing('xylophone', 10)).toEqual([]);
  });

  it('answers a text or fragment asked again the same, whatever the caller did with the first answer', async () => {
    const { store } = await indexed(['Settings menu', 'settingsPanel upsetting']);
    const vocabulary = indexVocabulary(internalsOf(store).connection);
    const first = vocabulary.words(['Änderungen', 'Settings menu']);
    first[0]?.push('changed');
    first[1]?.splice(0);
    expect(vocabulary.words(['Settings menu', 'neu', 'Änderungen'])).toEqual([['settings', 'menu'], ['neu'], ['anderungen']]);
    const found = vocabulary.containing('etting', 10);
    found?.splice(0);
    expect(vocabulary.containing('etting', 10)?.sort()).toEqual(['settings', 'settingspanel', 'upsetting']);
    expect(vocabulary.containing('etting', 2)).toBeNull();
  });

  it('sees the words of a later load, and loses those of a cleared index', async () => {
    const { store, writer } = await indexed(['alpha']);
    const vocabulary = indexVocabulary(internalsOf(store).connection);
    expect(vocabulary.containing('lph', 10)).toEqual(['alpha']);
    writer.begin();
    writer.add([2], ['gamma']);
    await writer.flush();
    expect(vocabulary.containing('amm', 10)).toEqual(['gamma']);
    store.forgetAll();
    expect(vocabulary.containing('lph', 10)).toEqual([]);
  });
});
