import { afterEach, describe, expect, it } from 'vitest';
import { readLibrary, readNumber } from '../../../test/support/core/library-file';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';

let rig: SyncRig;
afterEach(async () => {
  await rig.close();
});

/** Every stored key id of a project's current snapshot, duplicates included. */
function storedKeyIds(projectId: string): number[] {
  const rows = readLibrary(rig.folder, 'SELECT k.key_id FROM keys k JOIN projects p ON p.project_id = k.project_id AND p.generation = k.generation WHERE k.project_id = ? ORDER BY k.key_id', projectId) as [number][];
  return rows.map((row) => row[0]);
}

function datasetKeyIds(projectIndex = 0): number[] {
  const project = rig.fake.dataset.projects[projectIndex];
  if (project === undefined) throw new Error('no such project');
  const ids: number[] = [];
  for (let index = 0; index < project.keyCount; index += 1) {
    const keyId = rig.fake.dataset.keyIdAt(project, index);
    if (!rig.fake.dataset.isDeleted(project, keyId)) ids.push(keyId);
  }
  return ids.sort((a, b) => a - b);
}

describe('sync against the cursor last-page quirk', () => {
  it.each([
    [1000, false],
    [1000, true],
    [1234, false],
    [1234, true],
    [499, false],
    [0, false],
  ])('stores each of %i keys exactly once (cursor header only when more: %s)', async (keysPerProject, onlyWhenMore) => {
    rig = await syncRig({ projects: 1, keysPerProject, languages: 3, seed: 5 });
    rig.fake.switches.cursorHeaderOnlyWhenMore = onlyWhenMore;
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final).toMatchObject({ status: 'done', message: null });
    expect(storedKeyIds(project.projectId)).toEqual(datasetKeyIds());
    const translations = Array.from({ length: keysPerProject }, (_, index) => rig.fake.dataset.key(project, index).translations.length).reduce((sum, count) => sum + count, 0);
    expect(rig.store.project(project.projectId)?.sync).toMatchObject({ status: 'ok', keyCount: keysPerProject, translationCount: translations });
    const pages = Math.ceil(keysPerProject / 500);
    expect(rig.fake.stats.byRoute['projects/:id/keys']).toBeLessThanOrEqual(pages + 1);
  });
});

describe('sync fault matrix (the rest of it)', () => {
  it.each([
    ['HTML 500 pages', 'html500'],
    ['a chunked body that never ends', 'truncate-chunked'],
    ['dropped connections on every endpoint', 'drop'],
  ] as const)('completes with the right data through %s', async (_name, kind) => {
    rig = await syncRig({ projects: 1, keysPerProject: 1100, languages: 4 }, { timeoutMs: 1000 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 2, failureKind: kind, matchPath: null };
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final.status).toBe('done');
    expect(rig.fake.stats.faultsInjected).toBe(2);
    expect(storedKeyIds(project.projectId)).toEqual(datasetKeyIds());
  });

  it('completes with the right data when a share of requests fails at random', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 2600, languages: 3, seed: 9 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failureRate: 0.3, failureKind: 'html503', matchPath: /\/keys/ };
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final.status).toBe('done');
    expect(rig.fake.stats.faultsInjected).toBeGreaterThan(0);
    expect(storedKeyIds(project.projectId)).toEqual(datasetKeyIds());
  });

  it('completes through slow responses that still answer in time', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 1100, languages: 3 }, { timeoutMs: 2000 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    rig.fake.switches.faults.latencyMs = 150;
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final.status).toBe('done');
    expect(storedKeyIds(project.projectId)).toEqual(datasetKeyIds());
  });

  it('fails with a clear message and keeps the previous snapshot when Lokalise answers too slowly', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 700, languages: 3 }, { timeoutMs: 150, maxRetries: 1 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    await syncAndWait(rig, [project.projectId]);
    const before = storedKeyIds(project.projectId);
    rig.fake.deleteKeys(project.projectId, [rig.fake.dataset.keyIdAt(project, 3)]);
    rig.fake.switches.faults.latencyMs = 400;
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final.status).toBe('failed');
    expect(final.message).toContain('Lokalise is not answering');
    expect(storedKeyIds(project.projectId)).toEqual(before);
    expect(rig.store.project(project.projectId)?.sync).toMatchObject({ status: 'failed', keyCount: 700 });
  });

  it('leaves a never-synced project empty after a failed first sync, and a later sync fills it with no leftovers', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 1300, languages: 3 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failureKind: 'html502', matchPath: /\/keys/ };
    let failed = false;
    // Let the first page through, then fail every later one, so the failed sync has written part of a snapshot.
    const stopAfterFirstPage = setInterval(() => {
      if (!failed && rig.progress.some((entry) => entry.phase === 'keys' && entry.done >= 500)) {
        failed = true;
        rig.fake.switches.faults.failNextRequests = 100;
      }
    }, 1);
    rig.fake.switches.faults.latencyMs = 30;
    const final = await syncAndWait(rig, [project.projectId]);
    clearInterval(stopAfterFirstPage);
    expect(final.status).toBe('failed');
    expect(final.message).toContain('HTTP 502');
    expect(storedKeyIds(project.projectId)).toEqual([]);
    expect(rig.store.project(project.projectId)?.sync).toMatchObject({ status: 'failed', lastSyncedAt: null, keyCount: 0 });
    expect(readNumber(rig.folder, 'SELECT count(*) FROM keys')).toBe(0);

    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 0, latencyMs: 0 };
    expect((await syncAndWait(rig, [project.projectId])).status).toBe('done');
    expect(storedKeyIds(project.projectId)).toEqual(datasetKeyIds());
    expect(readNumber(rig.folder, 'SELECT count(*) FROM keys')).toBe(1300);
  });
});
