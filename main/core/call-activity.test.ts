import { describe, expect, it } from 'vitest';
import type { CoreApi } from '../../common/contract';
import { ManualClock, settle } from '../../test/support/manual-clock';
import { BusySignal } from './busy-signal';
import { CallActivity, watchCalls } from './call-activity';

function activityOn(clock: ManualClock): CallActivity {
  return new CallActivity(clock, () => clock.now);
}

/** Whether `promise` has settled after the pending callbacks ran. */
async function isDone(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await settle();
  return done;
}

/** A stand-in api of one domain whose calls end when the test says so. */
function pendingApi(): { api: CoreApi; finish: () => void; fail: () => void } {
  let finish = (): void => undefined;
  let fail = (): void => undefined;
  const page = (): Promise<string> =>
    new Promise((resolve, reject) => {
      finish = () => resolve('page');
      fail = () => reject(new Error('no page'));
    });
  const throwing = (): Promise<never> => {
    throw new Error('thrown before any promise');
  };
  return { api: { keys: { page, throwing } } as unknown as CoreApi, finish: () => finish(), fail: () => fail() };
}

describe('CallActivity', () => {
  it('waits for a first call, then for the quiet spell after it', async () => {
    const clock = new ManualClock();
    const activity = activityOn(clock);
    const waiting = activity.whenQuiet({ quietMs: 2_000, latestMs: 20_000 });
    // No call yet (the window is loading): however long that takes, it is not quiet time.
    await clock.advance(5_000);
    expect(await isDone(waiting)).toBe(false);
    activity.begin();
    activity.end();
    await clock.advance(1_999);
    expect(await isDone(waiting)).toBe(false);
    await clock.advance(1);
    expect(await isDone(waiting)).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('resolves at the latest bound when no call ever comes', async () => {
    const clock = new ManualClock();
    const waiting = activityOn(clock).whenQuiet({ quietMs: 2_000, latestMs: 20_000 });
    await clock.advance(19_999);
    expect(await isDone(waiting)).toBe(false);
    await clock.advance(1);
    expect(await isDone(waiting)).toBe(true);
  });

  it('counts a spell only from the end of the last call, and never while one is in flight', async () => {
    const clock = new ManualClock();
    const activity = activityOn(clock);
    const { api, finish } = pendingApi();
    const watched = watchCalls(api, activity);
    const waiting = activity.whenQuiet({ quietMs: 2_000, latestMs: 20_000 });
    await clock.advance(1_500);
    const call = watched.keys.page({} as never);
    // The call stays in flight past the spell the wait began with.
    await clock.advance(5_000);
    expect(await isDone(waiting)).toBe(false);
    finish();
    await expect(call).resolves.toBe('page');
    await clock.advance(1_999);
    expect(await isDone(waiting)).toBe(false);
    await clock.advance(1);
    expect(await isDone(waiting)).toBe(true);
  });

  it('resolves at the latest bound while calls keep coming', async () => {
    const clock = new ManualClock();
    const activity = activityOn(clock);
    const waiting = activity.whenQuiet({ quietMs: 2_000, latestMs: 10_000 });
    for (let second = 0; second < 9; second += 1) {
      activity.begin();
      await clock.advance(500);
      activity.end();
      await clock.advance(500);
    }
    expect(await isDone(waiting)).toBe(false);
    await clock.advance(1_000);
    expect(await isDone(waiting)).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('resolves every wait at once when closed, and later waits too, leaving no timer behind', async () => {
    const clock = new ManualClock();
    const activity = activityOn(clock);
    const first = activity.whenQuiet();
    const second = activity.whenQuiet();
    expect(await isDone(first)).toBe(false);
    activity.close();
    expect(await isDone(first)).toBe(true);
    expect(await isDone(second)).toBe(true);
    expect(await isDone(activity.whenQuiet())).toBe(true);
    expect(clock.pending).toBe(0);
  });
});

describe('CallActivity.follow', () => {
  it('counts a sync or push as a call in flight until it ends', async () => {
    const clock = new ManualClock();
    const activity = activityOn(clock);
    const busy = new BusySignal();
    activity.follow(busy);
    const waiting = activity.whenQuiet({ quietMs: 2_000, latestMs: 60_000 });
    busy.set('sync', true);
    const releasePush = busy.hold('push');
    await clock.advance(10_000);
    busy.set('sync', false);
    await clock.advance(10_000);
    // The push still runs.
    expect(await isDone(waiting)).toBe(false);
    releasePush();
    await clock.advance(1_999);
    expect(await isDone(waiting)).toBe(false);
    await clock.advance(1);
    expect(await isDone(waiting)).toBe(true);
  });

  it('counts work already running when it starts to follow', async () => {
    const clock = new ManualClock();
    const activity = activityOn(clock);
    const busy = new BusySignal();
    busy.set('sync', true);
    activity.follow(busy);
    const waiting = activity.whenQuiet({ quietMs: 2_000, latestMs: 60_000 });
    // The window has called: only the running sync keeps it from being quiet.
    activity.begin();
    activity.end();
    await clock.advance(10_000);
    expect(await isDone(waiting)).toBe(false);
    busy.set('sync', false);
    await clock.advance(2_000);
    expect(await isDone(waiting)).toBe(true);
  });
});

describe('watchCalls', () => {
  it('passes answers and failures through unchanged, and ends the call either way', async () => {
    const clock = new ManualClock();
    const activity = activityOn(clock);
    const { api, fail } = pendingApi();
    const watched = watchCalls(api, activity);
    const call = watched.keys.page({} as never);
    fail();
    await expect(call).rejects.toThrow('no page');
    expect(() => (watched.keys as unknown as { throwing: () => Promise<never> }).throwing()).toThrow('thrown before any promise');
    // Both calls ended: the spell runs from now.
    const waiting = activity.whenQuiet({ quietMs: 100, latestMs: 20_000 });
    await clock.advance(100);
    expect(await isDone(waiting)).toBe(true);
  });

  it('wraps every call of every domain and nothing else', () => {
    const clock = new ManualClock();
    const api = { keys: { page: () => Promise.resolve(1) }, sync: { start: () => Promise.resolve(2), startFull: () => Promise.resolve(3) } } as unknown as CoreApi;
    const watched = watchCalls(api, activityOn(clock)) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.keys(watched).sort()).toEqual(['keys', 'sync']);
    expect(Object.keys(watched.sync ?? {}).sort()).toEqual(['start', 'startFull']);
  });
});
