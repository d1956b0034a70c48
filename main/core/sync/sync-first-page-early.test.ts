import { afterEach, describe, expect, it } from 'vitest';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';

let rig: SyncRig;
afterEach(async () => {
  await rig.close();
});

const keysRoute = 'projects/:id/keys';

/** Makes every request for the project's languages fail (the rig's client does not retry). */
function failLanguages(): void {
  rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 1000, failureKind: 'html500', matchPath: /\/languages/ };
}

function keyRequests(): number {
  return rig.fake.stats.byRoute[keysRoute] ?? 0;
}

describe('the first page of a full sync is asked for while the languages load', () => {
  it('asks for it before the languages answer on a first sync, and stops it when the languages fail', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 1200, languages: 3, seed: 11 }, { maxRetries: 0 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    failLanguages();
    const failed = await syncAndWait(rig, [project.projectId]);
    expect(failed.status).toBe('failed');
    // The languages never answered, yet the keys' first page was asked for: it went out alongside them. The walk
    // was stopped with the sync: at most the page its first answer's cursor named followed (one answer waits ahead),
    // of the four requests a whole walk of 1,200 keys takes.
    expect(rig.fake.stats.firstPages[keysRoute]).toBe(1);
    expect(keyRequests()).toBeLessThanOrEqual(2);
    expect(rig.store.project(project.projectId)?.sync.keyCount).toBe(0);

    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 0, matchPath: null };
    const done = await syncAndWait(rig, [project.projectId]);
    expect(done).toMatchObject({ status: 'done', message: null });
    expect(rig.store.project(project.projectId)?.sync.keyCount).toBe(1200);
  });

  it('does not ask for a full page where a resync will list the keys without translations, but does for a full resync', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 600, languages: 3, seed: 12 }, { maxRetries: 0 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    expect(await syncAndWait(rig, [project.projectId])).toMatchObject({ status: 'done' });
    const afterFirst = keyRequests();

    failLanguages();
    expect((await syncAndWait(rig, [project.projectId])).status).toBe('failed');
    expect(keyRequests()).toBe(afterFirst);

    expect((await syncAndWait(rig, [project.projectId], { full: true })).status).toBe('failed');
    expect(keyRequests()).toBeGreaterThan(afterFirst);
    // The stored copy is untouched by both failures.
    expect(rig.store.project(project.projectId)?.sync.keyCount).toBe(600);
  });
});
