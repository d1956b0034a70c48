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

  /**
   * Takes requests 0 to `request` - 1, answering request `slow` after `answerMs` and every other at once, and returns
   * when request `request` may start.
   */
  async function startOf(pacer: RequestPacer, clock: ReturnType<typeof manualClock>, request: number, slow: number, answerMs: number): Promise<number> {
    for (let index = 0; index < request; index += 1) {
      const paced = await pacer.take();
      if (index === slow) clock.advance(answerMs);
      paced.finished();
    }
    await pacer.take();
    return clock.now();
  }

  it('starts request N+1 a full window after request 1 answered, so a slow first arrival cannot squeeze the window', async () => {
    const seventhStart = (firstAnswerAfterMs: number): Promise<number> => {
      const clock = manualClock();
      return startOf(new RequestPacer(6, clock.now, clock.sleep, 300), clock, 6, 0, firstAnswerAfterMs);
    };
    expect(await seventhStart(0)).toBeCloseTo(1000, 6);
    expect(await seventhStart(120)).toBeCloseTo(1120, 6);
  });

  /** The eighth start when the second request (the first answering at once) takes `answerMs` to answer. */
  const eighthStart = (pacer: RequestPacer, clock: ReturnType<typeof manualClock>, answerMs: number): Promise<number> => startOf(pacer, clock, 7, 1, answerMs);

  it('counts a slow answer as arrived soon after its start once a faster answer showed how long the trip takes', async () => {
    const clock = manualClock();
    const pacer = new RequestPacer(6, clock.now, clock.sleep, 300, 20);
    // The second request started at 166.7 and took 150 ms to answer, but the first answer took 0 ms: it counts as
    // arrived 20 ms after its start, so the eighth request waits until 1186.7 rather than 1316.7.
    expect(await eighthStart(pacer, clock, 150)).toBeCloseTo(1000 / 6 + 20 + 1000, 6);
  });

  it('never counts an answer as arrived after it came back', async () => {
    const clock = manualClock();
    const pacer = new RequestPacer(6, clock.now, clock.sleep, 300, 20);
    expect(await eighthStart(pacer, clock, 5)).toBeCloseTo(1000 / 6 + 5 + 1000, 6);
  });

  it('counts from answers only once the server has said "too many requests"', async () => {
    const clock = manualClock();
    const pacer = new RequestPacer(6, clock.now, clock.sleep, 300, 20);
    pacer.pauseUntil(0);
    expect(await eighthStart(pacer, clock, 150)).toBeCloseTo(1000 / 6 + 150 + 1000, 6);
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

  it.each([0, 0.5, 2.5, -1, Number.NaN])('refuses a limit of %s at once instead of letting no request through', (limit) => {
    expect(() => new KeyedSemaphore(limit)).toThrow(RangeError);
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
