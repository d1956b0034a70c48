import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyQuerySchema, type KeyQuery, type KeyQueryInput } from '../../../common/contract';
import type { FakeProject } from '../../../test/fake-lokalise/server';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { keyPage, rankQuery, searchConditions } from './key-queries';
import { internalsOf } from './library-store';
import { currentGeneration } from './project-rows';
import { heldRanks } from './search-ranks';

let rig: SyncRig;
let project: FakeProject;
let terms: string[];

beforeAll(async () => {
  rig = await syncRig({ projects: 1, keysPerProject: 1500, languages: 6, seed: 33 });
  await refreshList(rig);
  project = rig.fake.dataset.projects[0]!;
  await syncAndWait(rig, null);
  // Real words from the data (a common one, rarer ones, a CJK run, a substring), and one found nowhere. Words only:
  // a term with punctuation in it is checked by LIKE, which rankedSearch leaves to the SQL path.
  const sample = [0, 17, 401, 1203].map((index) => rig.fake.dataset.key(project, index));
  const words = sample.flatMap((key) => key.translations.map((translation) => translation.value)).join(' ').split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 4);
  const cjk = sample.flatMap((key) => key.translations).find((translation) => /[\u3040-\u30ff\u4e00-\u9fff]{3}/.test(translation.value))?.value.match(/[\u3040-\u30ff\u4e00-\u9fff]{3}/)?.[0];
  terms = [...new Set([words[0] ?? 'settings', words[5] ?? 'upload', words.at(-1) ?? 'changes', (words[2] ?? 'download').slice(1, -1), cjk ?? '設定が', 'qqqzzz'])];
});
afterAll(async () => {
  await rig.close();
});

/** rankQuery for `query`, with its search conditions over the rig's index. */
function rankFor(query: KeyQuery): ReturnType<typeof rankQuery> {
  return rankQuery(query, rig.store.facets(project.projectId).languages, searchConditions(internalsOf(rig.store).connection, query));
}

function parse(input: Partial<KeyQueryInput>): KeyQuery {
  return KeyQuerySchema.parse({ projectId: project.projectId, sourceIso: 'en', targetIsos: ['ja', 'ar'], ...input });
}

const statuses: Partial<KeyQueryInput>[] = [{}, { status: 'untranslated', statusIso: 'ja' }, { status: 'notReviewed' }, { status: 'unverified', statusIso: 'ar' }];
const switches: Partial<KeyQueryInput>[] = [{}, { includeArchived: true }, { includeHidden: true }, { includeArchived: true, includeHidden: true }];

describe('ranked search', () => {
  it('answers exactly as the SQL path does: same total, same keys in the same order, on every page', () => {
    const { connection } = internalsOf(rig.store);
    // The sync handed the arrays over, so the ranked path (not the SQL path taken while they are read) answers below.
    expect(heldRanks(connection, project.projectId, currentGeneration(connection, project.projectId) ?? -1)).toBeDefined();
    let nonEmpty = 0;
    for (const search of terms) {
      for (const status of statuses) {
        for (const flags of switches) {
          for (const sort of ['name', 'modified'] as const) {
            for (const [offset, limit] of [[0, 500], [7, 13]] as const) {
              const query = parse({ search, sort, offset, limit, ...status, ...flags });
              expect(rankFor(query)).not.toBeNull();
              const ranked = keyPage(internalsOf(rig.store).connection, query);
              const sql = keyPage(internalsOf(rig.store).connection, query, { ranked: false });
              expect({ search, status, flags, sort, offset, total: ranked.total, ids: ranked.items.map((item) => item.keyId) }).toEqual({
                search, status, flags, sort, offset, total: sql.total, ids: sql.items.map((item) => item.keyId),
              });
              expect(ranked.items).toEqual(sql.items);
              if (sql.total > 0) nonEmpty += 1;
            }
          }
        }
      }
    }
    // The comparison must have covered real matches, not only empty answers.
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('leaves to SQL what it cannot answer exactly: terms with punctuation, tags, platforms', () => {
    expect(rankFor(parse({ search: 'OK' }))).not.toBeNull();
    expect(rankFor(parse({ search: `${terms[0] ?? ''} a.b` }))).toBeNull();
    expect(rankFor(parse({ search: `(${terms[0] ?? ''})` }))).toBeNull();
    expect(rankFor(parse({ search: terms[0] ?? '', tags: ['ui'] }))).toBeNull();
    expect(rankFor(parse({ search: terms[0] ?? '', platforms: ['ios'] }))).toBeNull();
    expect(rankFor(parse({ search: '' }))).toBeNull();
  });

  it('forgets its arrays with the library, so a resync after "forget offline data" (generation numbers start again) finds the new snapshot keys in order', async () => {
    const query = parse({ search: terms[0] ?? '', includeArchived: true, includeHidden: true });
    const before = keyPage(internalsOf(rig.store).connection, query);
    expect(before.total).toBeGreaterThan(0);
    const facets = rig.store.facets(project.projectId);
    rig.store.forgetAll();
    // One key fewer on the server, so the new snapshot's row ids no longer line up with the old one's.
    const gone = rig.fake.dataset.keyIdAt(project, 0);
    rig.fake.deleteKeys(project.projectId, [gone]);
    await refreshList(rig);
    expect((await syncAndWait(rig, [project.projectId])).status).toBe('done');
    const after = keyPage(internalsOf(rig.store).connection, query);
    const expected = before.items.map((item) => item.keyId).filter((keyId) => keyId !== gone);
    expect(after.items.map((item) => item.keyId)).toEqual(expected);
    expect(after.total).toBe(expected.length);
    expect(rig.store.facets(project.projectId).languages).toEqual(facets.languages);
  });

  it('follows a resync to its new snapshot', async () => {
    const query = parse({ search: terms[0] ?? '', includeArchived: true, includeHidden: true });
    const before = keyPage(internalsOf(rig.store).connection, query);
    expect(before.total).toBeGreaterThan(0);
    rig.fake.deleteKeys(project.projectId, [before.items[0]!.keyId]);
    expect((await syncAndWait(rig, [project.projectId])).status).toBe('done');
    const after = keyPage(internalsOf(rig.store).connection, query);
    expect({ ranked: after.total, sql: keyPage(internalsOf(rig.store).connection, query, { ranked: false }).total }).toEqual({ ranked: before.total - 1, sql: before.total - 1 });
    expect(after.items.map((item) => item.keyId)).toEqual(keyPage(internalsOf(rig.store).connection, query, { ranked: false }).items.map((item) => item.keyId));
  });

  it("follows a translation written into the snapshot (a pushed edit, \"take theirs\"): a search filtered by status agrees with the key's new status", () => {
    const { connection } = internalsOf(rig.store);
    expect(heldRanks(connection, project.projectId, currentGeneration(connection, project.projectId) ?? -1)).toBeDefined();
    // A key untranslated into Japanese, found by a word of its English text.
    const untranslated = keyPage(connection, parse({ status: 'untranslated', statusIso: 'ja', limit: 50 })).items;
    const target = untranslated.find((item) => /\p{L}{4,}/u.test(item.translations[0]?.value ?? ''));
    expect(target).toBeDefined();
    const word = (target?.translations[0]?.value ?? '').match(/\p{L}{4,}/u)?.[0] ?? '';
    const query = parse({ search: word, status: 'untranslated', statusIso: 'ja', includeArchived: true, includeHidden: true, limit: 500 });
    expect(rankFor(query)).not.toBeNull();
    expect(keyPage(connection, query).items.map((item) => item.keyId)).toContain(target?.keyId);
    expect(rig.store.writeTranslation(project.projectId, target?.keyId ?? -1, 'ja', { value: '翻訳済み', pluralForms: null, isReviewed: false, isUnverified: false, modifiedAt: 1_700_000_000_000 })).toBe(true);
    const ranked = keyPage(connection, query);
    const sql = keyPage(connection, query, { ranked: false });
    expect(sql.items.map((item) => item.keyId)).not.toContain(target?.keyId);
    expect({ total: ranked.total, ids: ranked.items.map((item) => item.keyId) }).toEqual({ total: sql.total, ids: sql.items.map((item) => item.keyId) });
  });

  it('finds a word a written translation brought to a key, right after a search for it kept its matches', () => {
    const { connection } = internalsOf(rig.store);
    // A word of the index's own that some key lacks: searched first, so the search keeps its matches.
    const matched = (search: string): number[] => {
      const ids: number[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = keyPage(connection, parse({ search, includeArchived: true, includeHidden: true, offset, limit: 500 }));
        ids.push(...page.items.map((item) => item.keyId));
        if (offset + 500 >= page.total) return ids;
      }
    };
    const lacking = (search: string): number | undefined => keyPage(connection, parse({ limit: 200 })).items.map((item) => item.keyId).find((keyId) => !matched(search).includes(keyId));
    const word = terms.find((term) => term !== 'qqqzzz' && matched(term).length > 0 && lacking(term) !== undefined) ?? '';
    const keyId = lacking(word) ?? -1;
    const query = parse({ search: word, includeArchived: true, includeHidden: true, limit: 500 });
    expect(rankFor(query)).not.toBeNull();
    const before = keyPage(connection, query);
    expect(rig.store.writeTranslation(project.projectId, keyId, 'ja', { value: `${word} 翻訳`, pluralForms: null, isReviewed: true, isUnverified: false, modifiedAt: 1_700_000_000_000 })).toBe(true);
    const after = keyPage(connection, query);
    expect(after.total).toBe(before.total + 1);
    expect(after.items.map((item) => item.keyId)).toContain(keyId);
    expect(after.items.map((item) => item.keyId)).toEqual(keyPage(connection, query, { ranked: false }).items.map((item) => item.keyId));
  });
});
