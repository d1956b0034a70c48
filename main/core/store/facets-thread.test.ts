/**
 * Facets read on a thread: the very answer main's own read gives on a real small library, cached like it (per
 * project and generation, never an answer a newer snapshot or "forget offline data" overtook), and a thread's
 * SQLite error raised as the same error a read on main meets.
 */
import Database from 'libsql';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeProject } from '../../../test/fake-lokalise/server';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { storeError } from './database';
import { storePath } from './library-file';
import { isDamage } from './damage';
import { currentFacets, type GenerationFacets } from './facets-read';
import { facetsOnThread } from './facets-thread';
import { forgetSnapshotCaches, projectFacets, projectFacetsElsewhere } from './key-queries';
import { internalsOf } from './library-store';

let rig: SyncRig;
let project: FakeProject;
const scratch = mkdtempSync(join(tmpdir(), 'locdesk-facets-'));

beforeAll(async () => {
  rig = await syncRig({ projects: 2, keysPerProject: 400, languages: 4, seed: 5 });
  await refreshList(rig);
  project = rig.fake.dataset.projects[0]!;
  await syncAndWait(rig, null);
});
afterAll(async () => {
  await rig.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The error a read of `path` on this thread meets. */
function mainSideError(path: string): unknown {
  try {
    const connection = new Database(path, { readonly: true });
    try {
      currentFacets(connection, 'p');
    } finally {
      connection.close();
    }
  } catch (error) {
    return error;
  }
  throw new Error('the read did not fail');
}

describe('facets on a thread', () => {
  it('answers what main’s own read answers, then keeps it per project and generation', async () => {
    const connection = internalsOf(rig.store).connection;
    const cold = await rig.store.facetsOffMain(project.projectId);
    expect(cold.tags.length).toBeGreaterThan(0);
    expect(await rig.store.facetsOffMain(project.projectId)).toBe(cold);
    forgetSnapshotCaches(connection);
    expect(projectFacets(connection, project.projectId)).toEqual(cold);
    const other = rig.fake.dataset.projects[1]!.projectId;
    const threadAnswer = await facetsOnThread({ job: 'facets', libraryPath: storePath(rig.folder), projectId: other });
    expect(threadAnswer?.facets).toEqual(rig.store.facets(other));
    expect(await rig.store.facetsOffMain('unknown')).toEqual({ tags: [], platforms: [], languages: [], keyCounts: null });
  });

  it('answers but does not keep facets of a generation that is no longer current, or read across a forget', async () => {
    const connection = internalsOf(rig.store).connection;
    forgetSnapshotCaches(connection);
    const asked: string[] = [];
    const truth = projectFacets(connection, project.projectId);
    forgetSnapshotCaches(connection);
    const stale: GenerationFacets = { generation: -1, facets: { ...truth, tags: ['stale'] } };
    const read = (answer: GenerationFacets, before?: () => void) => (projectId: string) => {
      asked.push(projectId);
      before?.();
      return Promise.resolve(answer);
    };
    expect((await projectFacetsElsewhere(connection, project.projectId, read(stale))).tags).toEqual(['stale']);
    const current = currentFacets(connection, project.projectId);
    expect((await projectFacetsElsewhere(connection, project.projectId, read(current, () => forgetSnapshotCaches(connection)))).tags).toEqual(truth.tags);
    expect(await projectFacetsElsewhere(connection, project.projectId, read(current))).toEqual(truth);
    // Only the last answer was kept: the next call reads nothing.
    expect(await projectFacetsElsewhere(connection, project.projectId, read(stale))).toEqual(truth);
    expect(asked).toHaveLength(3);
  });

  it('raises a thread’s SQLite error as the error a read on main meets', async () => {
    const damaged = join(scratch, 'damaged.sqlite');
    writeFileSync(damaged, Buffer.alloc(8192, 7));
    const missing = join(scratch, 'missing.sqlite');
    for (const path of [damaged, missing]) {
      const onMain = mainSideError(path) as Error & { code?: string };
      const onThread = await facetsOnThread({ job: 'facets', libraryPath: path, projectId: 'p' }).then(
        (): Error & { code?: string } => new Error('the thread did not fail'),
        (error: unknown) => error as Error & { code?: string },
      );
      expect({ message: onThread.message, code: onThread.code }).toEqual({ message: onMain.message, code: onMain.code });
      expect(isDamage(onThread)).toBe(path === damaged);
      const [seenFromThread, seenFromMain] = [storeError(onThread), storeError(onMain)] as (Error & { code?: string })[];
      expect({ message: seenFromThread!.message, code: seenFromThread!.code }).toEqual({ message: seenFromMain!.message, code: seenFromMain!.code });
      expect(seenFromThread!.code).toBe(path === damaged ? 'store.corrupt' : onMain.code);
    }
  });
});
