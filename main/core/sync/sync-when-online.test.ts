import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../common/contract';
import { idleSyncProgress } from './sync-engine';
import { SyncWhenOnline, waitingMessage } from './sync-when-online';

function rig() {
  let online = true;
  const started: { projectIds: string[] | null; full: boolean }[] = [];
  const waiting: boolean[] = [];
  const queue = new SyncWhenOnline({
    isOnline: () => online,
    start: (projectIds, full): SyncProgress => {
      started.push({ projectIds, full });
      return { ...idleSyncProgress, status: 'running' };
    },
    onWaitingChanged: (value) => waiting.push(value),
  });
  return { queue, started, waiting, setOnline: (value: boolean) => (online = value) };
}

describe('SyncWhenOnline', () => {
  it('starts at once while online', () => {
    const { queue, started, waiting } = rig();
    expect(queue.request(['a']).status).toBe('running');
    expect(started).toEqual([{ projectIds: ['a'], full: false }]);
    expect(waiting).toEqual([]);
  });

  it('keeps a sync asked for while offline, says it waits, and starts it by itself when the connection returns', () => {
    const { queue, started, waiting, setOnline } = rig();
    setOnline(false);
    const answer = queue.request(['a']);
    expect(answer).toMatchObject({ status: 'idle', message: waitingMessage });
    expect(started).toEqual([]);
    expect(waiting).toEqual([true]);
    expect(queue.isWaiting()).toBe(true);
    setOnline(true);
    queue.cameOnline();
    expect(started).toEqual([{ projectIds: ['a'], full: false }]);
    expect(waiting).toEqual([true, false]);
    queue.cameOnline(); // nothing waits any more: no second start
    expect(started).toHaveLength(1);
  });

  it('merges requests made while waiting: lists join, "all" absorbs lists, full wins', () => {
    const { queue, started, setOnline } = rig();
    setOnline(false);
    queue.request(['a']);
    queue.request(['b', 'a'], true);
    setOnline(true);
    queue.cameOnline();
    setOnline(false);
    queue.request(['c']);
    queue.request(null);
    setOnline(true);
    queue.cameOnline();
    expect(started).toEqual([
      { projectIds: ['a', 'b'], full: true },
      { projectIds: null, full: false },
    ]);
  });

  it('forgets the waiting sync when dropped (cancel, sign-out)', () => {
    const { queue, started, waiting, setOnline } = rig();
    setOnline(false);
    queue.request(null);
    queue.drop();
    setOnline(true);
    queue.cameOnline();
    expect(started).toEqual([]);
    expect(waiting).toEqual([true, false]);
  });
});
