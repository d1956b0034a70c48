import { afterEach, describe, expect, it } from 'vitest';
import { refreshList, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { silentLogger } from '../log';
import type { SyncProgress } from '../../../common/contract';
import { resumesByItself, SyncEngine } from './sync-engine';
import { SyncWhenOnline } from './sync-when-online';

let rig: SyncRig;
afterEach(async () => {
  await rig.close();
});

/** An engine on the rig's store and client whose lost connections go to a waiting queue, as app-core wires it. */
function engineWithQueue(online: () => boolean) {
  const started: { projectIds: string[] | null; full: boolean }[] = [];
  const progress: SyncProgress[] = [];
  let engine: SyncEngine | null = null;
  const queue = new SyncWhenOnline({
    isOnline: online,
    start: (projectIds, full) => {
      started.push({ projectIds, full });
      if (engine === null) throw new Error('no engine yet');
      return engine.start(projectIds, { full });
    },
    onWaitingChanged: () => undefined,
  });
  engine = new SyncEngine({
    store: rig.store,
    client: rig.client,
    logger: silentLogger,
    onProgress: (entry) => progress.push(entry),
    onLibraryChanged: () => undefined,
    progressIntervalMs: 0,
    onConnectionLost: (projectIds, full) => queue.resumeWhenOnline(projectIds, full),
  });
  return { engine, queue, started, progress };
}

describe('a sync that loses the connection midway', () => {
  it('keeps the unfinished projects waiting and finishes them by itself when Lokalise answers again', async () => {
    rig = await syncRig({ projects: 3, keysPerProject: 30, languages: 2 }, { maxRetries: 0, timeoutMs: 1000 });
    await refreshList(rig);
    const [first, second, third] = rig.fake.dataset.projects.map((project) => project.projectId);
    if (first === undefined || second === undefined || third === undefined) throw new Error('three projects expected');
    let online = true;
    const { engine, queue, started, progress } = engineWithQueue(() => online);
    // The second project's requests meet a dead connection; main has heard of it (a failed request flips it offline).
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 1000, failureKind: 'drop', matchPath: new RegExp(`projects/${second}`) };
    engine.start([first, second, third], { full: true });
    online = false;
    await engine.whenIdle();
    const final = progress.at(-1);
    expect(final?.status).toBe('failed');
    expect(final?.message).toContain(resumesByItself);
    expect(queue.isWaiting()).toBe(true);
    expect(rig.store.project(first)?.sync.status).toBe('ok');
    expect(rig.store.project(third)?.sync.lastSyncedAt ?? null).toBeNull();

    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 0, matchPath: null };
    online = true;
    queue.cameOnline();
    expect(started).toEqual([{ projectIds: [second, third], full: true }]);
    await engine.whenIdle();
    expect(progress.at(-1)?.status).toBe('done');
    expect(rig.store.project(second)?.sync.status).toBe('ok');
    expect(rig.store.project(third)?.sync.status).toBe('ok');
  });

  it('fails as before, with nothing waiting, when main still thinks Lokalise is reachable', async () => {
    rig = await syncRig({ projects: 2, keysPerProject: 20, languages: 2 }, { maxRetries: 0, timeoutMs: 1000 });
    await refreshList(rig);
    const [first, second] = rig.fake.dataset.projects.map((project) => project.projectId);
    if (first === undefined || second === undefined) throw new Error('two projects expected');
    const { engine, queue, progress } = engineWithQueue(() => true);
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 1000, failureKind: 'drop', matchPath: new RegExp(`projects/${first}`) };
    engine.start([first, second], { full: true });
    await engine.whenIdle();
    expect(progress.at(-1)?.status).toBe('failed');
    expect(progress.at(-1)?.message).not.toContain(resumesByItself);
    expect(queue.isWaiting()).toBe(false);
    // The run moved on: the second project still synced.
    expect(rig.store.project(second)?.sync.status).toBe('ok');
  });
});
