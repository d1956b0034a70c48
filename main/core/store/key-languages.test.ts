import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyQuerySchema } from '../../../common/contract';
import type { FakeProject } from '../../../test/fake-lokalise/server';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';

let rig: SyncRig;
let project: FakeProject;

beforeAll(async () => {
  rig = await syncRig({ projects: 1, keysPerProject: 40, languages: 6, seed: 5 });
  await refreshList(rig);
  project = rig.fake.dataset.projects[0]!;
  await syncAndWait(rig, null);
});
afterAll(async () => {
  await rig.close();
});

describe("a snapshot's languages, read once per snapshot", () => {
  it('are read again after "forget offline data", when the next snapshot reuses the generation number with other languages', async () => {
    const keyId = rig.fake.dataset.keyIdAt(project, 0);
    const page = () => rig.store.keyPage(KeyQuerySchema.parse({ projectId: project.projectId, sourceIso: 'en', targetIsos: ['de'], limit: 5, status: 'untranslated' }));
    expect(rig.store.keyDetail(project.projectId, keyId)?.translations).toHaveLength(6);
    const before = page();
    rig.store.forgetAll();
    rig.fake.setLanguageCount(project.projectId, 4);
    await refreshList(rig);
    expect((await syncAndWait(rig, [project.projectId])).status).toBe('done');
    const isos = rig.store.facets(project.projectId).languages.map((language) => language.iso);
    expect(isos).toHaveLength(4);
    expect(rig.store.keyDetail(project.projectId, keyId)?.translations.map((cell) => cell.languageIso)).toEqual(isos);
    // German is gone from the project: no key is untranslated in it any more (a stale list would still filter by its bit).
    expect(isos).not.toContain('de');
    expect(before.total).toBeGreaterThan(0);
    expect(page().total).toBe(0);
  });
});
