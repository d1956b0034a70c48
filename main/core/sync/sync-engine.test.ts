import { afterEach, describe, expect, it } from 'vitest';
import { LocdeskError } from '../errors';
import type { KeyQueryInput } from '../../../common/contract';
import { KeyQuerySchema } from '../../../common/contract';
import { readNumber } from '../../../test/support/core/library-file';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';

let rig: SyncRig;
afterEach(async () => {
  await rig.close();
});

function page(input: KeyQueryInput) {
  return rig.store.keyPage(KeyQuerySchema.parse(input));
}

function allKeyIds(projectId: string): number[] {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const result = page({ projectId, sourceIso: 'en', targetIsos: [], includeArchived: true, includeHidden: true, limit: 500, offset, sort: 'name' });
    ids.push(...result.items.map((item) => item.keyId));
    if (ids.length >= result.total || result.items.length === 0) return ids;
  }
}

describe('SyncEngine', () => {
  it('stores a project exactly as the fake serves it, key by key and translation by translation', async () => {
    rig = await syncRig({ projects: 2, keysPerProject: 700, languages: 10, seed: 11 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final).toMatchObject({ status: 'done', message: null, projectCount: 1 });
    let compared = 0;
    for (let index = 0; index < project.keyCount; index += 1) {
      const expected = rig.fake.dataset.key(project, index);
      const detail = rig.store.keyDetail(project.projectId, expected.keyId);
      expect(detail?.keyNames).toEqual(expected.keyNames);
      expect(detail?.description).toBe(expected.description);
      expect(detail?.isArchived).toBe(expected.isArchived);
      expect(detail?.isHidden).toBe(expected.isHidden);
      expect(detail?.tags).toEqual(expected.tags);
      expect(detail?.charLimit).toBe(expected.charLimit);
      for (const translation of expected.translations) {
        const cell = detail?.translations.find((entry) => entry.languageIso === translation.language.iso);
        expect(cell?.value).toBe(translation.value);
        expect(cell?.isEmpty).toBe(translation.value === '');
        expect(cell?.isReviewed).toBe(translation.isReviewed);
        expect(cell?.isUnverified).toBe(translation.isUnverified);
        expect(cell?.pluralForms).toEqual(translation.value === '' ? null : translation.plural);
        compared += 1;
      }
    }
    expect(compared).toBe(7000);
    const summary = rig.store.project(project.projectId);
    expect(summary?.sync).toMatchObject({ status: 'ok', keyCount: 700, translationCount: 7000, lastError: null });
    expect(summary?.languages.find((language) => language.iso === 'ar')).toMatchObject({ isRtl: true, pluralForms: ['zero', 'one', 'two', 'few', 'many', 'other'] });
  });

  it('reports progress with phases, counts and request totals', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 1200 });
    await refreshList(rig);
    await syncAndWait(rig, null);
    const phases = [...new Set(rig.progress.map((entry) => entry.phase).filter((phase) => phase !== null))];
    expect(phases).toEqual(['project', 'languages', 'keys', 'finalizing']);
    const keyCounts = rig.progress.filter((entry) => entry.phase === 'keys').map((entry) => entry.done);
    expect(keyCounts).toContain(500);
    expect(keyCounts).toContain(1200);
    expect(rig.progress.at(-1)).toMatchObject({ status: 'done', requests: 2 + 4 });
  });

  it('removes keys deleted on the server at the next sync', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 300 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    await syncAndWait(rig, [project.projectId]);
    const gone = [rig.fake.dataset.keyIdAt(project, 5), rig.fake.dataset.keyIdAt(project, 200)];
    rig.fake.deleteKeys(project.projectId, gone);
    await syncAndWait(rig, [project.projectId]);
    const ids = allKeyIds(project.projectId);
    expect(ids).toHaveLength(298);
    for (const id of gone) expect(ids).not.toContain(id);
    expect(readNumber(rig.folder, 'SELECT count(*) FROM keys')).toBe(298);
  });

  it('marks a project the user can no longer access as lost and keeps its data', async () => {
    rig = await syncRig({ projects: 2, keysPerProject: 50 });
    await refreshList(rig);
    const [first, second] = rig.fake.dataset.projects;
    await syncAndWait(rig, [first!.projectId, second!.projectId]);
    rig.fake.revokeProjectAccess(first!.projectId);
    const final = await syncAndWait(rig, [first!.projectId, second!.projectId]);
    expect(final.status).toBe('failed');
    expect(final.message).toContain('no longer open this project');
    expect(rig.store.project(first!.projectId)).toMatchObject({ access: 'lost', sync: { status: 'failed' } });
    expect(allKeyIds(first!.projectId)).toHaveLength(50);
    expect(rig.store.project(second!.projectId)?.sync.status).toBe('ok');
  });

  it('reports an index that cannot be opened as a failure, also when the project failed first', async () => {
    rig = await syncRig({ projects: 2, keysPerProject: 20 });
    await refreshList(rig);
    const [first, second] = rig.fake.dataset.projects;
    // The index writer is asked for before the project loads; when that load fails, its failure must not go unheard.
    rig.fake.revokeProjectAccess(first!.projectId);
    // A plain function, not a vi spy: a spy observes the promises it returns, which would hide an unheard rejection.
    // It replaces the store's private source of writing threads (the fault has no public way in).
    const store = rig.store as unknown as { writingThread: () => Promise<never> };
    store.writingThread = () => Promise.reject(new LocdeskError('store.unavailable', 'The search index could not be opened.'));
    const unheard: unknown[] = [];
    const listen = (reason: unknown): void => void unheard.push(reason);
    process.on('unhandledRejection', listen);
    const final = await syncAndWait(rig, [first!.projectId, second!.projectId]).finally(() => process.off('unhandledRejection', listen));
    expect(unheard).toEqual([]);
    expect(final.status).toBe('failed');
    expect(rig.store.project(first!.projectId)).toMatchObject({ access: 'lost', sync: { status: 'failed' } });
    expect(rig.store.project(second!.projectId)?.sync).toMatchObject({ status: 'failed', lastError: 'The search index could not be opened.' });
    expect(allKeyIds(second!.projectId)).toEqual([]);
  });

  it('leaves the other projects alone when one project is synced', async () => {
    rig = await syncRig({ projects: 3, keysPerProject: 20 });
    await refreshList(rig);
    await syncAndWait(rig, [rig.fake.dataset.projects[1]!.projectId]);
    expect(rig.store.listProjects().map((project) => project.access)).toEqual(['ok', 'ok', 'ok']);
  });

  it.each([
    ['429 bursts', '429', 3],
    ['HTML 5xx pages', 'html503', 2],
    ['dropped connections', 'drop', 2],
    ['truncated JSON', 'truncate', 2],
  ] as const)('completes with the right data through %s', async (_name, kind, count) => {
    rig = await syncRig({ projects: 1, keysPerProject: 1100 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: count, failureKind: kind, matchPath: /\/keys/ };
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final.status).toBe('done');
    expect(rig.fake.stats.faultsInjected).toBe(count);
    expect(allKeyIds(project.projectId)).toHaveLength(1100);
    expect(rig.store.project(project.projectId)?.sync.keyCount).toBe(1100);
  });

  it('fails with a clear message and the previous snapshot intact when faults persist', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 1100 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    await syncAndWait(rig, [project.projectId]);
    const before = allKeyIds(project.projectId);
    const facts = rig.store.project(project.projectId)?.sync;
    rig.fake.deleteKeys(project.projectId, [rig.fake.dataset.keyIdAt(project, 0)]);
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 1000, failureKind: 'html502', matchPath: /\/keys/ };
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final.status).toBe('failed');
    expect(final.message).toContain('HTTP 502');
    expect(allKeyIds(project.projectId)).toEqual(before);
    const after = rig.store.project(project.projectId)?.sync;
    expect(after).toMatchObject({ status: 'failed', lastSyncedAt: facts?.lastSyncedAt, keyCount: 1100 });
    expect(after?.lastError).toContain('HTTP 502');
  });

  it('can be cancelled, keeping the previous snapshot', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 2000 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    await syncAndWait(rig, [project.projectId]);
    rig.fake.switches.faults.latencyMs = 50;
    rig.engine.start([project.projectId]);
    while (!rig.progress.some((entry) => entry.phase === 'keys' && entry.done >= 500)) await new Promise((resolve) => setTimeout(resolve, 10));
    rig.engine.cancel();
    await rig.engine.whenIdle();
    expect(rig.engine.status().status).toBe('cancelled');
    expect(allKeyIds(project.projectId)).toHaveLength(2000);
    expect(readNumber(rig.folder, 'SELECT count(*) FROM keys')).toBe(2000);
  });

  it('does not start a second run while one is running', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 100 });
    await refreshList(rig);
    rig.fake.switches.faults.latencyMs = 30;
    const first = rig.engine.start(null);
    const second = rig.engine.start(null);
    expect(second).toEqual(first);
    await rig.engine.whenIdle();
    expect(rig.fake.stats.byRoute['projects/:id']).toBe(1);
  });

  it('syncs the projects kept offline when asked for all', async () => {
    rig = await syncRig({ projects: 3, keysPerProject: 20 });
    await refreshList(rig);
    const [, second] = rig.fake.dataset.projects;
    rig.store.setKeepOffline(second!.projectId, true);
    await syncAndWait(rig, null);
    expect(rig.store.listProjects().filter((project) => project.sync.status === 'ok').map((project) => project.projectId)).toEqual([second!.projectId]);
  });
});
