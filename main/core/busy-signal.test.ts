import { describe, expect, it } from 'vitest';
import { BusySignal } from './busy-signal';

describe('BusySignal', () => {
  it('stays busy until every holder has released, and notifies only on changes', () => {
    const signal = new BusySignal();
    const seen: boolean[] = [];
    signal.onChange((busy) => seen.push(busy));
    const sync = signal.hold('sync');
    const push = signal.hold('push');
    expect(signal.isBusy()).toBe(true);
    expect(signal.reasons().sort()).toEqual(['push', 'sync']);
    sync();
    expect(signal.isBusy()).toBe(true);
    sync();
    expect(signal.isBusy()).toBe(true);
    push();
    expect(signal.isBusy()).toBe(false);
    expect(seen).toEqual([true, false]);
  });

  it('counts nested holds of the same work', () => {
    const signal = new BusySignal();
    const first = signal.hold('push');
    const second = signal.hold('push');
    first();
    expect(signal.isBusy()).toBe(true);
    second();
    expect(signal.isBusy()).toBe(false);
  });

  it('follows a level-triggered source', () => {
    const signal = new BusySignal();
    const seen: boolean[] = [];
    signal.onChange((busy) => seen.push(busy));
    signal.set('sync', true);
    signal.set('sync', true);
    signal.set('sync', false);
    signal.set('sync', false);
    expect(seen).toEqual([true, false]);
  });
});
