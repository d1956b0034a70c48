import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { internalsOf, LibraryStore } from './library-store';
import { searchIndexPath } from './search-index';
import { WorkerSearchIndexWriter } from './search-index-writer';
import { indexVocabulary } from './search-vocabulary';

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

describe('index vocabulary', () => {
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
