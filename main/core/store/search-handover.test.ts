import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyQuerySchema } from '../../../common/contract';
import type { FakeProject } from '../../../test/fake-lokalise/server';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { keyPage } from './key-queries';
import { internalsOf } from './library-store';
import { currentGeneration } from './project-rows';
import { heldRanks, readSnapshotRanks } from './search-ranks';

let rig: SyncRig;
let project: FakeProject;

beforeAll(async () => {
  rig = await syncRig({ projects: 1, keysPerProject: 900, languages: 4, seed: 21 });
  await refreshList(rig);
  project = rig.fake.dataset.projects[0]!;
});
afterAll(async () => {
  await rig.close();
});

/** The current generation's arrays as main holds them after a sync, and as main would build them itself. */
function handedAndBuilt(): { handed: unknown; built: unknown } {
  const { connection } = internalsOf(rig.store);
  const generation = currentGeneration(connection, project.projectId) ?? -1;
  return { handed: heldRanks(connection, project.projectId, generation), built: readSnapshotRanks(connection, project.projectId, generation) };
}

describe('the search arrays a sync hands to main', () => {
  it('are there before the first search of the new snapshot, equal to what main would build, after a first sync and a resync', async () => {
    await syncAndWait(rig, [project.projectId]);
    const first = handedAndBuilt();
    expect(first.handed).toBeDefined();
    expect(first.handed).toEqual(first.built);
    rig.fake.deleteKeys(project.projectId, [rig.fake.dataset.keyIdAt(project, 4)]);
    await syncAndWait(rig, [project.projectId]);
    const resync = handedAndBuilt();
    expect(resync.handed).toBeDefined();
    expect(resync.handed).toEqual(resync.built);
    expect(resync.handed).not.toEqual(first.handed);
  });

  it('come with the word list, so a search by part of a word finds the new snapshot at once', () => {
    const key = rig.fake.dataset.key(project, 10);
    const word = key.translations.map((translation) => translation.value).join(' ').split(/[^\p{L}]+/u).find((entry) => entry.length >= 6) ?? 'settings';
    const query = KeyQuerySchema.parse({ projectId: project.projectId, sourceIso: 'en', targetIsos: [], limit: 500, search: word.slice(1, -1) });
    const page = keyPage(internalsOf(rig.store).connection, query);
    expect(page.items.map((item) => item.keyId)).toContain(key.keyId);
  });
});
