import { afterEach, describe, expect, it } from 'vitest';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { LocdeskError } from '../errors';
import { syncFailure } from './sync-failure';

let rig: SyncRig;
afterEach(async () => {
  await rig.close();
});

describe('a sync that meets the unexpected', () => {
  it('stores a key served on two consecutive cursor pages once, in a full sync and in a resync', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 1300, languages: 4, seed: 2 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    rig.fake.switches.repeatKeyAcrossCursorPages = true;
    expect(await syncAndWait(rig, [project.projectId])).toMatchObject({ status: 'done', message: null });
    expect(rig.store.project(project.projectId)?.sync).toMatchObject({ status: 'ok', keyCount: 1300, translationCount: 5200 });
    rig.fake.addKeys(project.projectId, 2);
    expect(await syncAndWait(rig, [project.projectId])).toMatchObject({ status: 'done', changes: { updated: 0, added: 2, removed: 0 } });
    expect(rig.store.project(project.projectId)?.sync).toMatchObject({ status: 'ok', keyCount: 1302 });
  });

  it('never leaves the status at "running", nor an unhandled rejection, when its own failure path fails', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 50 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    const unhandled: unknown[] = [];
    const listen = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', listen);
    rig.client.getProject = () => Promise.reject(new TypeError('x is not a function'));
    const record = rig.store.recordSyncOutcome.bind(rig.store);
    rig.store.recordSyncOutcome = (projectId, status, message) => {
      if (status === 'failed') throw new LocdeskError('store.corrupt', 'The offline library file is damaged.');
      record(projectId, status, message);
    };
    try {
      const final = await syncAndWait(rig, [project.projectId]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(final.status).toBe('failed');
      expect(final.message).toBe('The offline library file is damaged.');
      expect(unhandled).toEqual([]);
      // The engine takes the next run.
      rig.store.recordSyncOutcome = record;
      expect((await syncAndWait(rig, [project.projectId])).status).toBe('failed');
    } finally {
      process.off('unhandledRejection', listen);
    }
  });

  it('names where it stopped instead of "Something went wrong", in the progress and on the project', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 50 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    rig.client.listLanguages = () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'iso')"));
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final.status).toBe('failed');
    expect(final.message).toContain('stopped while reading the project languages');
    expect(final.message).not.toMatch(/something went wrong/i);
    expect(rig.store.project(project.projectId)?.sync.lastError).toContain('Its previous offline copy is unchanged');
  });

  it('puts database failures in words about the disk or the library', () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(syncFailure(full, 'Checkout Web', 'keys')).toMatchObject({ code: 'store.unavailable', message: expect.stringContaining('The disk is full, so Locdesk could not save Checkout Web') as string });
    const readOnly = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    expect(syncFailure(readOnly, 'Checkout Web', 'finalizing').message).toContain('the disk refused the write');
    const known = new LocdeskError('lokalise.server', 'Lokalise is unavailable (HTTP 502).');
    expect(syncFailure(known, 'Checkout Web', 'keys')).toBe(known);
    expect(syncFailure(new RangeError('bad'), 'Checkout Web', 'finalizing')).toMatchObject({ code: 'sync.failed', message: expect.stringContaining('while putting the new copy in place') as string });
  });
});
