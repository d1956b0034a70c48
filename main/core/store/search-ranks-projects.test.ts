import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyQuerySchema, type KeyQuery } from '../../../common/contract';
import type { FakeProject } from '../../../test/fake-lokalise/server';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { keyPage } from './key-queries';
import { internalsOf } from './library-store';
import { currentGeneration } from './project-rows';
import { heldRanks } from './search-ranks';

let rig: SyncRig;
let large: FakeProject;
let small: FakeProject;

beforeAll(async () => {
  rig = await syncRig({ projects: 2, keysPerProject: 600, languages: 4, seed: 71 });
  await refreshList(rig);
  [large, small] = rig.fake.dataset.projects as [FakeProject, FakeProject];
  // The second project loses most of its keys on the server, so its snapshot is a third of the first one's size.
  rig.fake.deleteKeys(small.projectId, Array.from({ length: 400 }, (_, index) => rig.fake.dataset.keyIdAt(small, index + 100)));
  await syncAndWait(rig, null);
});
afterAll(async () => {
  await rig.close();
});

function query(project: FakeProject, search: string, everyKey = false): KeyQuery {
  return KeyQuerySchema.parse({ projectId: project.projectId, sourceIso: 'en', targetIsos: ['ja'], search, limit: 500, includeArchived: everyKey, includeHidden: everyKey });
}

describe('ranked search across projects of different sizes', () => {
  it('answers as the SQL path does when searches alternate between a large and a small project', () => {
    const { connection } = internalsOf(rig.store);
    for (const project of [large, small]) expect(heldRanks(connection, project.projectId, currentGeneration(connection, project.projectId) ?? -1)).toBeDefined();
    expect(keyPage(connection, query(small, '', true)).total).toBe(200);
    // Words every project's keys use, so each search marks many keys of the large project before the small one's runs.
    const words = ['settings', 'changes', 'upload', 'project'];
    let matched = 0;
    for (const word of words) {
      for (const project of [large, small, large, small]) {
        const ranked = keyPage(connection, query(project, word));
        const sql = keyPage(connection, query(project, word), { ranked: false });
        expect({ project: project.projectId, word, total: ranked.total, ids: ranked.items.map((item) => item.keyId) }).toEqual({
          project: project.projectId,
          word,
          total: sql.total,
          ids: sql.items.map((item) => item.keyId),
        });
        matched += sql.total;
      }
    }
    expect(matched).toBeGreaterThan(100);
  });
});
