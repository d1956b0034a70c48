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
      { online: false, message: 'Lokalise cannot be reached.', checkedAt: 20 },
      { online: true, message: null, checkedAt: 30 },
    ]);
    expect(tracker.get().online).toBe(true);
  });
});
