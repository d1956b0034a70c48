import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshList, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';

let rig: SyncRig;

beforeAll(async () => {
  rig = await syncRig({ projects: 1, keysPerProject: 2000, languages: 4, seed: 8 });
  await refreshList(rig);
});
afterAll(async () => {
  await rig.close();
});

describe('a sync started while the previous one still removes its old snapshot', () => {
  it("waits for the removal, without blocking, before it writes on main's connection (whose write would wait for the lock asleep)", async () => {
    const store = rig.store;
    const events: string[] = [];
    const settle = store.whenSettled.bind(store);
    store.whenSettled = async () => {
      await settle();
      events.push('settled');
    };
    const record = store.recordSyncOutcome.bind(store);
    store.recordSyncOutcome = (projectId, status, message) => {
      events.push(`outcome ${status}`);
      record(projectId, status, message);
    };
    const projectId = rig.fake.dataset.projects[0]!.projectId;
    // Two full syncs back to back: the second starts as soon as the first is swapped in, while its old snapshot goes.
    for (let round = 0; round < 2; round += 1) {
      rig.engine.start([projectId], { full: true });
      await rig.engine.whenIdle();
      expect(rig.engine.status().status).toBe('done');
    }
    expect(events.slice(0, 4)).toEqual(['settled', 'outcome running', 'settled', 'outcome running']);
    expect(store.project(projectId)?.sync.keyCount).toBe(2000);
  });
});
