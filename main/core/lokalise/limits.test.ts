import { describe, expect, it } from 'vitest';
import { CancelledError } from '../errors';
import { abortableSleep, KeyedSemaphore, RequestPacer } from './limits';

/** A clock that only moves when something sleeps (or the test advances it). */
function manualClock(): { now: () => number; sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>; advance: (milliseconds: number) => void } {
  let time = 0;
  return {
    now: () => time,
    sleep: (milliseconds, signal) => {
      if (signal?.aborted === true) return Promise.reject(new CancelledError());
      time += milliseconds;
      return Promise.resolve();
    },
    advance: (milliseconds) => (time += milliseconds),
  };
}

describe('RequestPacer', () => {
  it('spaces starts evenly at the configured rate and reports the wait', async () => {
    const clock = manualClock();
    const pacer = new RequestPacer(4, clock.now, clock.sleep);
    const starts: number[] = [];
    const waits: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const paced = await pacer.take();
      starts.push(clock.now());
      waits.push(paced.waitedMs);
      paced.finished();
    }
    expect(starts).toEqual([0, 250, 500, 750, 1000]);
    expect(waits).toEqual([0, 250, 250, 250, 250]);
  });

  it('serves concurrent callers in the order they asked', async () => {
    const clock = manualClock();
    const pacer = new RequestPacer(10, clock.now, clock.sleep);
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (caller) => {
        const paced = await pacer.take();
        order.push(caller);
        expect(paced.waitedMs).toBeCloseTo(caller * 100);
      }),
    );
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('starts request N+1 a full window after request 1 answered, so a slow first arrival cannot squeeze the window', async () => {
    const seventhStart = async (firstAnswerAfterMs: number): Promise<number> => {
      const clock = manualClock();
      const pacer = new RequestPacer(6, clock.now, clock.sleep, 300);
      const first = await pacer.take();
      clock.advance(firstAnswerAfterMs);
      first.finished();
      for (let index = 0; index < 5; index += 1) (await pacer.take()).finished();
      await pacer.take();
      return clock.now();
    };
    expect(await seventhStart(0)).toBeCloseTo(1000, 6);
    expect(await seventhStart(120)).toBeCloseTo(1120, 6);
  });

  it('counts a request that has not answered as arrived at most arrivalAllowanceMs after it started', async () => {
    const clock = manualClock();
    const pacer = new RequestPacer(2, clock.now, clock.sleep, 300);
    await pacer.take();
    (await pacer.take()).finished();
    await pacer.take();
    expect(clock.now()).toBe(1300);
  });

  it('pushes every start back after a pause', async () => {
    const clock = manualClock();
    const pacer = new RequestPacer(100, clock.now, clock.sleep);
    (await pacer.take()).finished();
    pacer.pauseUntil(5000);
    const paced = await pacer.take();
    expect(clock.now()).toBe(5000);
    expect(paced.waitedMs).toBe(5000);
  });

  it('lets an aborted caller leave the queue without blocking the callers behind it', async () => {
    const pacer = new RequestPacer(5);
    (await pacer.take()).finished();
    const controller = new AbortController();
    const abandoned = pacer.take(controller.signal);
    const next = pacer.take();
    controller.abort();
    await expect(abandoned).rejects.toBeInstanceOf(CancelledError);
    const paced = await next;
    expect(paced.waitedMs).toBeGreaterThan(150);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RequestPacer(0)).toThrow(RangeError);
  });
});

describe('KeyedSemaphore', () => {
  it('admits at most the limit per key, and keys do not share places', async () => {
    const semaphore = new KeyedSemaphore(2);
    const first = await semaphore.acquire('a');
    await semaphore.acquire('a');
    await semaphore.acquire('b');
    let thirdAdmitted = false;
    const third = semaphore.acquire('a').then((release) => {
      thirdAdmitted = true;
      return release;
    });
    await Promise.resolve();
    expect(thirdAdmitted).toBe(false);
    first();
    first();
    await third;
    expect(thirdAdmitted).toBe(true);
  });

  it('removes a waiter whose signal fires, so releases go to the callers still waiting', async () => {
    const semaphore = new KeyedSemaphore(1);
    const holder = await semaphore.acquire('p');
    const controller = new AbortController();
    const gone = semaphore.acquire('p', controller.signal);
    const waiting = semaphore.acquire('p');
    controller.abort();
    await expect(gone).rejects.toBeInstanceOf(CancelledError);
    holder();
    const release = await waiting;
    let fourthAdmitted = false;
    void semaphore.acquire('p').then(() => (fourthAdmitted = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fourthAdmitted).toBe(false);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fourthAdmitted).toBe(true);
  });
});

describe('abortableSleep', () => {
  it('rejects with CancelledError when aborted before or during the wait', async () => {
    await expect(abortableSleep(10, AbortSignal.abort())).rejects.toBeInstanceOf(CancelledError);
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toBeInstanceOf(CancelledError);
  });
});
