import { describe, expect, it } from 'vitest';
import type { Connectivity } from '../../common/contract';
import { ConnectivityTracker } from './connectivity';
import { EventBus } from './event-bus';
import { createLogger, Redactor } from './log';
import type { FetchFunction, NetworkSignal } from './ports';
import { ManualClock } from '../../test/support/manual-clock';
import { ReachabilityMonitor, silentMessage, systemOfflineMessage, unreachableMessage, type ReachabilityTiming } from './reachability';

/** Lokalise's host as the checks see it: answering, refusing, or silent until aborted. */
function fakeHost(): { fetch: FetchFunction; mode: 'up' | 'down' | 'silent'; calls: { at: number; method: string; url: string }[] } & { clock?: ManualClock } {
  const host = {
    mode: 'up' as 'up' | 'down' | 'silent',
    calls: [] as { at: number; method: string; url: string }[],
    clock: undefined as ManualClock | undefined,
    fetch: ((input: string | URL | Request, init?: RequestInit) => {
      host.calls.push({ at: host.clock?.now ?? 0, method: init?.method ?? 'GET', url: input instanceof Request ? input.url : input.toString() });
      if (host.mode === 'up') return Promise.resolve(new Response(null, { status: 404 }));
      if (host.mode === 'down') return Promise.reject(new TypeError('fetch failed'));
      return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    }) as FetchFunction,
  };
  return host;
}

/** An OS network signal the test flips. */
class FakeNetwork implements NetworkSignal {
  public online = true;
  private readonly listeners = new Set<(online: boolean) => void>();
  public isOnline(): boolean {
    return this.online;
  }
  public watch(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  public set(online: boolean): void {
    this.online = online;
    for (const listener of this.listeners) listener(online);
  }
}

const timing: ReachabilityTiming = { onlineCheckMs: 30_000, offlineCheckMs: 60_000, offlineCheckMaxMs: 300_000, answerTimeoutMs: 15_000 };

function rig(network: FakeNetwork | null = null) {
  const clock = new ManualClock();
  const host = fakeHost();
  host.clock = clock;
  const events = new EventBus();
  const seen: Connectivity[] = [];
  events.subscribe((event) => {
    if (event.domain === 'app' && event.name === 'onConnectivityChanged') seen.push(event.payload);
  });
  const tracker = new ConnectivityTracker(events, () => clock.now);
  const monitor = new ReachabilityMonitor({
    apiUrl: 'https://api.example.test/api2/',
    fetch: host.fetch,
    tracker,
    network,
    timers: clock,
    now: () => clock.now,
    timing,
    logger: createLogger(() => undefined, new Redactor(), 'test'),
  });
  monitor.start();
  return { clock, host, tracker, monitor, seen };
}

describe('ReachabilityMonitor', () => {
  it('checks the API host with an unauthenticated HEAD only after Lokalise has been silent for the online interval', async () => {
    const { clock, host, tracker } = rig();
    await clock.advance(29_000);
    expect(host.calls).toEqual([]);
    tracker.reportOnline(); // a real request answered: the clock for the next check starts again
    await clock.advance(29_000);
    expect(host.calls).toEqual([]);
    await clock.advance(1_000);
    expect(host.calls).toEqual([{ at: clock.now, method: 'HEAD', url: 'https://api.example.test/' }]);
    expect(tracker.get().online).toBe(true);
  });

  it('notices Lokalise going away without any request of the translator, and says so', async () => {
    const { clock, host, tracker, seen } = rig();
    host.mode = 'down';
    await clock.advance(30_000);
    expect(tracker.get()).toMatchObject({ online: false, message: unreachableMessage, nextCheckAt: clock.now + 60_000 });
    expect(seen.some((state) => !state.online)).toBe(true);
  });

  it('makes at most one check a minute while offline, backing off to five minutes, and finds Lokalise again', async () => {
    const { clock, host, tracker } = rig();
    host.mode = 'down';
    const start = clock.now;
    await clock.advance(30_000 + 60 * 60_000); // an hour offline
    const times = host.calls.map((call) => call.at - start);
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
    expect(gaps[0]).toBe(60_000);
    expect(gaps.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 300_000]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60_000);
    expect(Math.max(...gaps)).toBe(300_000);
    expect(host.calls.length).toBeLessThanOrEqual(61);
    host.mode = 'up';
    await clock.advance(300_000);
    expect(tracker.get()).toMatchObject({ online: true, message: null, nextCheckAt: null });
  });

  it('counts a check that gets no answer within the silence limit as "not answering"', async () => {
    const { clock, host, tracker } = rig();
    host.mode = 'silent';
    await clock.advance(30_000 + 14_999);
    expect(tracker.get().online).toBe(true);
    await clock.advance(1);
    expect(tracker.get()).toMatchObject({ online: false, message: silentMessage });
  });

  it('starts the offline backoff afresh after Lokalise answered in between', async () => {
    const { clock, host, tracker } = rig();
    host.mode = 'down';
    await clock.advance(30_000 + 60_000 + 120_000); // three failed checks: the next wait is 240 s
    expect(host.calls).toHaveLength(3);
    tracker.reportOnline(); // e.g. "Try again" got through
    tracker.reportOffline(unreachableMessage); // and the next request failed
    const offlineAt = clock.now;
    await clock.advance(60_000);
    expect(host.calls.at(-1)?.at).toBe(offlineAt + 60_000);
  });

  it('follows the OS: offline at once with no checks while it has no network, and a check as soon as it has one', async () => {
    const network = new FakeNetwork();
    const { clock, host, tracker } = rig(network);
    network.set(false);
    expect(tracker.get()).toMatchObject({ online: false, message: systemOfflineMessage, nextCheckAt: null });
    await clock.advance(60 * 60_000);
    expect(host.calls).toEqual([]);
    network.set(true);
    await clock.advance(0);
    expect(host.calls).toHaveLength(1);
    expect(tracker.get().online).toBe(true);
  });

  it('keeps checks a minute apart even when the OS network flaps', async () => {
    const network = new FakeNetwork();
    const { clock, host } = rig(network);
    host.mode = 'down';
    await clock.advance(30_000); // first check fails: offline
    for (let flap = 0; flap < 5; flap++) {
      network.set(false);
      await clock.advance(1_000);
      network.set(true);
      await clock.advance(1_000);
    }
    await clock.advance(60_000);
    const times = host.calls.map((call) => call.at);
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
    expect(gaps.every((gap) => gap >= 60_000)).toBe(true);
  });

  it('starts offline when the OS has no network at start, and stops every timer on stop', async () => {
    const network = new FakeNetwork();
    network.online = false;
    const { clock, host, tracker, monitor } = rig(network);
    expect(tracker.get()).toMatchObject({ online: false, message: systemOfflineMessage });
    monitor.stop();
    network.set(true);
    await clock.advance(10 * 60_000);
    expect(host.calls).toEqual([]);
  });
});
