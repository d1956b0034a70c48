import { describe, expect, it } from 'vitest';
import { ConnectivityTracker } from './connectivity';
import { EventBus, type CoreEvent } from './event-bus';

describe('ConnectivityTracker', () => {
  it('emits only when reachability changes', () => {
    const bus = new EventBus();
    const seen: CoreEvent[] = [];
    bus.subscribe((event) => seen.push(event));
    let clock = 10;
    const tracker = new ConnectivityTracker(bus, () => clock);
    tracker.reportOnline();
    clock = 20;
    tracker.reportOffline('Lokalise cannot be reached.');
    tracker.reportOffline('Lokalise cannot be reached.');
    clock = 30;
    tracker.reportOnline();
    expect(seen.map((event) => event.payload)).toEqual([
      { online: false, message: 'Lokalise cannot be reached.', checkedAt: 20, nextCheckAt: null, syncWaiting: false },
      { online: true, message: null, checkedAt: 30, nextCheckAt: null, syncWaiting: false },
    ]);
    expect(tracker.get().online).toBe(true);
  });

  it('tells flip listeners only when reachability flips, and records when Lokalise was last heard from', () => {
    let clock = 10;
    const tracker = new ConnectivityTracker(new EventBus(), () => clock);
    const flips: boolean[] = [];
    tracker.onFlip((online) => flips.push(online));
    clock = 20;
    tracker.reportOffline('down');
    tracker.setNextCheck(80);
    tracker.setSyncWaiting(true);
    expect(tracker.get()).toMatchObject({ online: false, nextCheckAt: 80, syncWaiting: true });
    clock = 30;
    tracker.reportOnline();
    expect(flips).toEqual([false, true]);
    expect(tracker.lastHeardAt()).toBe(30);
    expect(tracker.get()).toMatchObject({ online: true, nextCheckAt: null });
  });
});
