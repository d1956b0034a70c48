import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyQuerySchema, type KeyQueryInput } from '../../../common/contract';
import type { FakeKey, FakeProject } from '../../../test/fake-lokalise/server';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { keyPage } from './key-queries';
import { internalsOf } from './library-store';

let rig: SyncRig;
let project: FakeProject;
let keys: FakeKey[];

beforeAll(async () => {
  rig = await syncRig({ projects: 1, keysPerProject: 1200, languages: 4, seed: 33 });
  await refreshList(rig);
  project = rig.fake.dataset.projects[0]!;
  await syncAndWait(rig, null);
  keys = Array.from({ length: project.keyCount }, (_, index) => rig.fake.dataset.key(project, index));
});
afterAll(async () => {
  await rig.close();
});

function page(input: Partial<KeyQueryInput>, budgetMs?: number) {
  const query = KeyQuerySchema.parse({ projectId: project.projectId, sourceIso: 'en', targetIsos: ['ja'], limit: 500, ...input });
  return keyPage(internalsOf(rig.store).connection, query, budgetMs === undefined ? {} : { budgetMs });
}

const textOf = (key: FakeKey): string =>
  [...Object.values(key.keyNames), key.description, key.context, ...key.translations.flatMap((translation) => (translation.plural === null ? [translation.value] : Object.values(translation.plural)))].join('\n');
const visible = (key: FakeKey): boolean => !key.isArchived && !key.isHidden;

describe('searches only a scan can answer', () => {
  it('find every key holding the punctuation when the budget allows a whole pass, and say nothing is missing', () => {
    const expected = keys.filter((key) => visible(key) && textOf(key).includes('.')).length;
    expect(expected).toBeGreaterThan(0);
    const result = page({ search: '.' }, 60_000);
    expect(result.partial).toBeUndefined();
    expect(result.total).toBe(expected);
  });

  it('answer with the matches found so far, and how far they got, when the budget runs out', () => {
    const complete = page({ search: '.', limit: 50 }, 60_000);
    const cut = page({ search: '.', limit: 50 }, 0);
    expect(cut.partial).toBeDefined();
    expect(cut.partial!.searchedKeys).toBeLessThan(cut.partial!.totalKeys);
    // The list holds every key of the snapshot, archived and hidden ones too (the flags are checked per row).
    expect(cut.partial!.totalKeys).toBe(keys.length);
    expect(cut.total).toBeLessThan(complete.total);
    // What it found is the start of the complete answer, in list order.
    expect(cut.items.map((item) => item.keyId)).toEqual(complete.items.slice(0, cut.items.length).map((item) => item.keyId));
  });

  it('page through scanned matches in list order, the same keys as one long page', () => {
    const whole = page({ search: '.', limit: 300 }, 60_000).items.map((item) => item.keyId);
    const second = page({ search: '.', limit: 100, offset: 100 }, 60_000).items.map((item) => item.keyId);
    expect(second).toEqual(whole.slice(100, 200));
  });

  it('find exactly the keys holding a character JSON escapes, or a LIKE wildcard, verbatim', () => {
    let found = 0;
    for (const search of ['"', '\\', '%', '_', ',', '!', '?', "'"]) {
      const expected = keys.filter((key) => visible(key) && textOf(key).toLowerCase().includes(search)).length;
      expect({ search, total: page({ search }, 60_000).total }).toEqual({ search, total: expected });
      found += expected;
    }
    expect(found).toBeGreaterThan(0);
  });

  it('answer a lone backslash, quotes and symbols with results or none, never an error', () => {
    for (const search of ['\\', '%_*"()[]', '"', '😀', 'NEAR(', '"unterminated']) {
      const result = page({ search }, 60_000);
      expect(result.total).toBeGreaterThanOrEqual(0);
      expect(result.items.length).toBeLessThanOrEqual(result.total);
    }
  });

  it('answer a 2,000-character paste and 200 distinct words through the validated query', () => {
    expect(() => page({ search: 'settings '.repeat(250) })).not.toThrow();
    expect(() => page({ search: Array.from({ length: 200 }, (_, index) => `word${index}`).join(' ') })).not.toThrow();
  });
});
