import { describe, expect, it } from 'vitest';
import { EventBus, type CoreEvent } from './event-bus';

const event: CoreEvent = {
  domain: 'app',
  name: 'onConnectivityChanged',
  payload: { online: false, message: 'Lokalise is unreachable.', checkedAt: 1 },
};

describe('EventBus', () => {
  it('delivers to every listener until it unsubscribes', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const unsubscribe = bus.subscribe((received) => seen.push(`a:${received.name}`));
    bus.subscribe((received) => seen.push(`b:${received.name}`));
    bus.emit(event);
    unsubscribe();
    bus.emit(event);
    expect(seen).toEqual(['a:onConnectivityChanged', 'b:onConnectivityChanged', 'b:onConnectivityChanged']);
  });

  it('keeps delivering when one listener throws', () => {
    const bus = new EventBus();
    const seen: boolean[] = [];
    bus.subscribe(() => {
      throw new Error('window closed');
    });
    bus.subscribe(() => seen.push(true));
    bus.emit(event);
    expect(seen).toEqual([true]);
  });
});
