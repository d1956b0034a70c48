import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyQuerySchema, type KeyQueryInput } from '../../../common/contract';
import type { FakeKey, FakeProject } from '../../../test/fake-lokalise/server';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';

let rig: SyncRig;
let project: FakeProject;
let keys: FakeKey[];

beforeAll(async () => {
  rig = await syncRig({ projects: 1, keysPerProject: 1500, languages: 6, seed: 21 });
  await refreshList(rig);
  project = rig.fake.dataset.projects[0]!;
  await syncAndWait(rig, null);
  keys = Array.from({ length: project.keyCount }, (_, index) => rig.fake.dataset.key(project, index));
});
afterAll(async () => {
  await rig.close();
});

function query(input: Partial<KeyQueryInput> = {}) {
  return rig.store.keyPage(KeyQuerySchema.parse({ projectId: project.projectId, sourceIso: 'en', targetIsos: ['ja'], limit: 500, ...input }));
}

function allIds(input: Partial<KeyQueryInput> = {}): number[] {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const result = query({ ...input, offset });
    ids.push(...result.items.map((item) => item.keyId));
    if (result.items.length === 0 || ids.length >= result.total) return ids.sort((a, b) => a - b);
  }
}

function expected(predicate: (key: FakeKey) => boolean): number[] {
  return keys.filter(predicate).map((key) => key.keyId).sort((a, b) => a - b);
}

/** Everything a key can be found by, lower-cased. */
const haystack = (key: FakeKey): string =>
  [...Object.values(key.keyNames), key.description, key.context, ...key.translations.flatMap((translation) => (translation.plural === null ? [translation.value] : Object.values(translation.plural)))]
    .join('\n')
    .toLowerCase();
const visible = (key: FakeKey): boolean => !key.isArchived && !key.isHidden;
const inLanguage = (key: FakeKey, iso: string) => key.translations.find((translation) => translation.language.iso === iso);

describe('key queries', () => {
  it('excludes archived and hidden keys by default and counts the rest', () => {
    const result = query();
    expect(result.total).toBe(keys.filter(visible).length);
    expect(allIds()).toEqual(expected(visible));
    expect(allIds({ includeArchived: true, includeHidden: true })).toHaveLength(1500);
    expect(query({ includeArchived: true }).total).toBe(keys.filter((key) => !key.isHidden).length);
    expect(query({ includeHidden: true }).total).toBe(keys.filter((key) => !key.isArchived).length);
  });

  it('returns source and target cells side by side in the requested order', () => {
    const item = query({ targetIsos: ['ar', 'ja'] }).items[0];
    expect(item?.translations.map((cell) => cell.languageIso)).toEqual(['en', 'ar', 'ja']);
    const key = keys.find((entry) => entry.keyId === item?.keyId);
    expect(item?.translations[1]?.value).toBe(inLanguage(key!, 'ar')?.value);
  });

  it('gives a page the same cells as the key detail, for one language or several, and empty cells for a language the project lacks', () => {
    for (const targetIsos of [[], ['ja', 'ar'], ['xx']]) {
      const items = query({ targetIsos, limit: 50, includeArchived: true, includeHidden: true }).items;
      expect(items).toHaveLength(50);
      for (const item of items) {
        const detail = rig.store.keyDetail(project.projectId, item.keyId);
        const wanted = ['en', ...targetIsos].map((iso) => detail?.translations.find((cell) => cell.languageIso === iso));
        expect(item.translations).toEqual(wanted.map((cell, index) => cell ?? { languageIso: targetIsos[index - 1], value: '', pluralForms: null, isEmpty: true, isReviewed: false, isUnverified: false, modifiedAt: null }));
      }
    }
  });

  it('sorts stably by name, then key id, across pages', () => {
    const first = query({ limit: 100 }).items.map((item) => item.name.toLowerCase());
    expect([...first].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(first);
    const pages = [0, 100, 200].flatMap((offset) => query({ limit: 100, offset }).items.map((item) => item.keyId));
    expect(new Set(pages).size).toBe(300);
    const byModified = query({ sort: 'modified', limit: 50 }).items.map((item) => item.modifiedAt ?? 0);
    expect([...byModified].sort((a, b) => b - a)).toEqual(byModified);
  });

  it('pages on from a cursor (a keyset page) with the same rows and total as by offset, and ignores a stale or later cursor', () => {
    for (const input of [{}, { sort: 'modified' as const, includeHidden: true }, { status: 'untranslated' as const, statusIso: 'ja' }, { tags: ['legal'] }]) {
      const byOffset = [0, 40, 120, 300].map((offset) => query({ ...input, limit: 40, offset }));
      const first = byOffset[0]!;
      expect(first.cursor).toMatchObject({ offset: 39, total: first.total });
      // From the first page's cursor: right after it (40), and with rows to skip between (120, 300).
      for (const [index, offset] of [40, 120, 300].entries()) {
        const paged = query({ ...input, limit: 40, offset, after: first.cursor });
        expect(paged.items.map((item) => item.keyId)).toEqual(byOffset[index + 1]!.items.map((item) => item.keyId));
        expect(paged.total).toBe(first.total);
      }
      // Chained: each page's cursor leads to the next.
      const second = query({ ...input, limit: 40, offset: 40, after: first.cursor });
      expect(query({ ...input, limit: 40, offset: 80, after: second.cursor }).items).toEqual(query({ ...input, limit: 40, offset: 80 }).items);
    }
    const first = query({ limit: 40 });
    const cursor = first.cursor!;
    // Another snapshot's cursor, or one at or after the page's start, is not used: the page is read by offset.
    expect(query({ limit: 40, offset: 40, after: { ...cursor, generation: cursor.generation + 1, total: 3 } })).toEqual(query({ limit: 40, offset: 40 }));
    expect(query({ limit: 40, offset: 20, after: { ...cursor, total: 3 } })).toEqual(query({ limit: 40, offset: 20 }));
    // The total is the cursor's: main does not count again.
    expect(query({ limit: 40, offset: 40, after: { ...cursor, total: 12_345 } }).total).toBe(12_345);
  });

  it('filters untranslated in Japanese exactly like the data says', () => {
    expect(allIds({ status: 'untranslated', statusIso: 'ja' })).toEqual(expected((key) => visible(key) && inLanguage(key, 'ja')?.value === ''));
  });

  it('filters unverified and not reviewed in a target language', () => {
    expect(allIds({ status: 'unverified', statusIso: 'ar' })).toEqual(
      expected((key) => visible(key) && inLanguage(key, 'ar')?.isUnverified === true && inLanguage(key, 'ar')?.value !== ''),
    );
    expect(allIds({ status: 'notReviewed', statusIso: 'de' })).toEqual(
      expected((key) => visible(key) && inLanguage(key, 'de')?.value !== '' && inLanguage(key, 'de')?.isReviewed === false),
    );
  });

  it('applies a status filter to any of the target languages when no language is named', () => {
    expect(allIds({ status: 'untranslated', targetIsos: ['ja', 'ar'] })).toEqual(
      expected((key) => visible(key) && (inLanguage(key, 'ja')?.value === '' || inLanguage(key, 'ar')?.value === '')),
    );
  });

  it('filters by tag and by platform', () => {
    expect(allIds({ tags: ['legal'] })).toEqual(expected((key) => visible(key) && key.tags.includes('legal')));
    expect(allIds({ platforms: ['ios', 'other'] })).toEqual(expected((key) => visible(key) && (key.platforms.includes('ios') || key.platforms.includes('other'))));
  });

  it.each([
    ['a Latin word', 'settings'],
    ['a substring inside words', 'ttings'],
    ['a key-name fragment', 'dialog.title'],
    ['Japanese', '設定が更新'],
    ['Chinese', '下载报告'],
    ['Arabic', 'حفظ'],
    ['German with a diacritic', 'Änderungen'],
    ['two words anywhere', 'save changes'],
  ])('searches %s across names, descriptions and translations', (_kind, text) => {
    const needle = text.toLowerCase().split(' ');
    const wanted = expected((key) => visible(key) && needle.every((word) => haystack(key).includes(word)));
    expect(wanted.length).toBeGreaterThan(0);
    expect(allIds({ search: text })).toEqual(wanted);
  });

  it('finds diacritic-insensitive matches', () => {
    expect(query({ search: 'anderungen' }).total).toBe(query({ search: 'Änderungen' }).total);
  });

  it('handles searches shorter than three characters', () => {
    const result = allIds({ search: '設定' });
    expect(result.length).toBeGreaterThan(0);
    expect(result).toEqual(expected((key) => visible(key) && key.translations.some((translation) => translation.value.includes('設定'))));
  });

  it.each(['ja', 'zh', 'ny', 'ar'])('finds the short term "%s" only in key text, never in language codes or plural category names', (term) => {
    const wanted = expected((key) => visible(key) && haystack(key).includes(term));
    expect(wanted.length).toBeLessThan(keys.filter(visible).length);
    expect(allIds({ search: term })).toEqual(wanted);
  });

  it('returns nothing for a term that is nowhere, and treats quotes and operators as text', () => {
    expect(query({ search: 'xylophone' }).total).toBe(0);
    expect(query({ search: '"OR" AND NOT *' }).total).toBe(0);
    expect(query({ search: '%_\\' }).total).toBe(0);
  });

  it('returns a key in full with every language, or null', () => {
    const plural = keys.find((key) => key.isPlural && visible(key) && inLanguage(key, 'ar')?.value !== '');
    const detail = rig.store.keyDetail(project.projectId, plural!.keyId);
    expect(detail?.translations.map((cell) => cell.languageIso)).toEqual(['en', 'ar', 'ja', 'zh_CN', 'de', 'fr']);
    expect(Object.keys(detail?.translations[1]?.pluralForms ?? {})).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(detail?.keyNames).toEqual(plural?.keyNames);
    expect(rig.store.keyDetail(project.projectId, 1)).toBeNull();
    expect(rig.store.keyDetail('unknown', plural!.keyId)).toBeNull();
  });

  it('lists the facets: tags, platforms and languages', () => {
    const facets = rig.store.facets(project.projectId);
    expect(facets.tags).toEqual([...new Set(keys.flatMap((key) => key.tags))].sort());
    expect(facets.platforms).toEqual(['android', 'ios', 'other', 'web']);
    expect(facets.languages.map((language) => language.iso)).toEqual(['en', 'ar', 'ja', 'zh_CN', 'de', 'fr']);
  });

  it('counts the keys by archived and hidden flag, in groups that do not overlap', () => {
    const count = (archived: boolean, hidden: boolean): number => keys.filter((key) => key.isArchived === archived && key.isHidden === hidden).length;
    const counts = rig.store.facets(project.projectId).keyCounts;
    expect(counts).toEqual({ visible: count(false, false), archivedOnly: count(true, false), hiddenOnly: count(false, true), archivedAndHidden: count(true, true) });
    expect(counts!.archivedOnly + counts!.archivedAndHidden).toBeGreaterThan(0);
  });

  it('answers an unknown project with an empty page', () => {
    expect(rig.store.keyPage(KeyQuerySchema.parse({ projectId: 'nope', sourceIso: 'en', targetIsos: [] }))).toEqual({ total: 0, offset: 0, items: [] });
  });
});
