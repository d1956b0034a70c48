/**
 * The search arrays of a snapshot no sync handed over (after a start) are read on a thread: the first search is
 * answered meanwhile without main building them (by the SQL path, or after waiting for the read), the arrays that
 * arrive equal what main would have built, and the answers of both paths are the same. An answer that a drop of the
 * caches or a newer snapshot overtook is not kept; a thread that cannot run leaves main to build them as before. The
 * index's word list comes along from the same thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyQuerySchema, type KeyQuery } from '../../../common/contract';
import type { FakeProject } from '../../../test/fake-lokalise/server';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { forgetSnapshotCaches, keyPage } from './key-queries';
import { internalsOf, LibraryStore } from './library-store';
import { currentGeneration } from './project-rows';
import { heldRanks, ranksArriving, readRanksElsewhere, readSnapshotRanks } from './search-ranks';
import { ranksOnThread } from './search-ranks-thread';
import { storePath } from './library-file';
import { searchIndexPath } from './search-index';
import { heldWordList, readWordList } from './search-vocabulary';

let rig: SyncRig;
let project: FakeProject;
/** The library as a new start opens it: nothing handed over by a sync. */
let started: LibraryStore;

beforeAll(async () => {
  rig = await syncRig({ projects: 1, keysPerProject: 1200, languages: 4, seed: 8 });
  await refreshList(rig);
  project = rig.fake.dataset.projects[0]!;
  await syncAndWait(rig, null);
  started = LibraryStore.open(rig.folder);
});
afterAll(async () => {
  started.close();
  await rig.close();
});

/** A search for a word of a key's translations, which many keys share. */
function searchQuery(): KeyQuery {
  const key = rig.fake.dataset.key(project, 3);
  const word = key.translations.map((translation) => translation.value).join(' ').split(/[^\p{L}]+/u).find((entry) => entry.length >= 5) ?? 'settings';
  return KeyQuerySchema.parse({ projectId: project.projectId, sourceIso: 'en', targetIsos: ['ja'], limit: 50, search: word.toLowerCase() });
}

function ids(query: KeyQuery, ranked: boolean): { total: number; keyIds: number[] } {
  const page = keyPage(internalsOf(started).connection, query, ranked ? {} : { ranked: false });
  return { total: page.total, keyIds: page.items.map((item) => item.keyId) };
}

describe('search arrays read on a thread after a start', () => {
  it('answers the first search without main building them, then searches with the arrays the thread read', async () => {
    const { connection } = internalsOf(started);
    const generation = currentGeneration(connection, project.projectId) ?? -1;
    const query = searchQuery();
    const first = started.keyPage(query);
    // Main would have kept what it built: nothing is held until the thread's read arrives.
    expect(heldRanks(connection, project.projectId, generation)).toBeUndefined();
    expect(first.total).toBeGreaterThan(0);
    expect({ total: first.total, keyIds: first.items.map((item) => item.keyId) }).toEqual(ids(query, false));
    const arriving = started.searchArriving(query);
    expect(arriving).not.toBeNull();
    await arriving;
    expect(heldRanks(connection, project.projectId, generation)).toEqual(readSnapshotRanks(connection, project.projectId, generation));
    expect(started.searchArriving(query)).toBeNull();
    for (const sort of ['name', 'modified'] as const) {
      for (const offset of [0, 17]) expect(ids({ ...query, sort, offset }, true)).toEqual(ids({ ...query, sort, offset }, false));
    }
  });

  it('brings the index’s word list along, so the first search after a start reads that on main neither', async () => {
    const fresh = LibraryStore.open(rig.folder);
    try {
      const { connection } = internalsOf(fresh);
      expect(heldWordList(connection)).toBeNull();
      await fresh.searchArriving(searchQuery());
      const held = heldWordList(connection);
      const read = readWordList(connection);
      expect(held?.version).toBe(read.version);
      expect(Buffer.compare(held?.bytes ?? new Uint8Array(0), read.bytes)).toBe(0);
      expect(read.bytes.length).toBeGreaterThan(1000);
    } finally {
      fresh.close();
    }
  });

  it('starts the read once a first page without search has been answered, so a later search finds them held', async () => {
    const fresh = LibraryStore.open(rig.folder);
    try {
      const { connection } = internalsOf(fresh);
      const generation = currentGeneration(connection, project.projectId) ?? -1;
      fresh.keyPage({ ...searchQuery(), search: '' });
      for (let waited = 0; waited < 200 && heldRanks(connection, project.projectId, generation) === undefined; waited += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heldRanks(connection, project.projectId, generation)).toEqual(readSnapshotRanks(connection, project.projectId, generation));
      expect(fresh.searchArriving(searchQuery())).toBeNull();
    } finally {
      fresh.close();
    }
  });

  it('keeps no answer that a drop of the caches or a newer snapshot overtook', async () => {
    const { connection } = internalsOf(started);
    const generation = currentGeneration(connection, project.projectId) ?? -1;
    const real = async (projectId: string, wanted: number) =>
      (await ranksOnThread({ job: 'ranks', libraryPath: storePath(rig.folder), searchIndexPath: searchIndexPath(rig.folder), projectId, generation: wanted }))?.ranks ?? null;
    forgetSnapshotCaches(connection);
    readRanksElsewhere(connection, async (projectId, wanted) => {
      const ranks = await real(projectId, wanted);
      forgetSnapshotCaches(connection);
      return ranks;
    });
    await ranksArriving(connection, project.projectId, generation, () => true);
    expect(heldRanks(connection, project.projectId, generation)).toBeUndefined();
    readRanksElsewhere(connection, real);
    await ranksArriving(connection, project.projectId, generation, () => false);
    expect(heldRanks(connection, project.projectId, generation)).toBeUndefined();
    await ranksArriving(connection, project.projectId, generation, () => true);
    expect(heldRanks(connection, project.projectId, generation)).toBeDefined();
  });

  it('lets main build them as before when no thread can run, or the thread failed', async () => {
    const { connection } = internalsOf(started);
    const generation = currentGeneration(connection, project.projectId) ?? -1;
    const query = searchQuery();
    for (const reader of [() => Promise.resolve(null), () => Promise.reject(new Error('the thread met a damaged file'))]) {
      forgetSnapshotCaches(connection);
      readRanksElsewhere(connection, reader);
      await started.searchArriving(query);
      expect(started.searchArriving(query)).toBeNull();
      expect(ids(query, true)).toEqual(ids(query, false));
      expect(heldRanks(connection, project.projectId, generation)).toEqual(readSnapshotRanks(connection, project.projectId, generation));
    }
  });
});
