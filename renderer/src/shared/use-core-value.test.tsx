import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCoreValue, type CoreValueSource } from './use-core-value';

/** A source whose read answers when the test says so, and whose events the test sends. */
function controlledSource() {
  const reads: { resolve: (value: string) => void; reject: (reason: unknown) => void }[] = [];
  const listeners = new Set<(value: string) => void>();
  let stops = 0;
  const source: CoreValueSource<string> = {
    read: () => new Promise<string>((resolve, reject) => reads.push({ resolve, reject })),
    follow: (listener) => {
      listeners.add(listener);
      return () => {
        stops += 1;
        listeners.delete(listener);
      };
    },
  };
  return {
    source,
    reads,
    listeners,
    stops: () => stops,
    emit: (value: string) => {
      for (const listener of [...listeners]) listener(value);
    },
  };
}

/** Lets pending promise callbacks run inside act, so React applies what they set. */
async function settle(): Promise<void> {
  await act(async () => {
    await Promise.resolve();
  });
}

describe('useCoreValue', () => {
  it('is null until the read answers, then holds the answer', async () => {
    const control = controlledSource();
    const { result } = renderHook(() => useCoreValue(control.source));
    expect(result.current).toBeNull();
    control.reads[0]?.resolve('initial');
    await settle();
    expect(result.current).toBe('initial');
  });

  it('follows every change event after the read', async () => {
    const control = controlledSource();
    const { result } = renderHook(() => useCoreValue(control.source));
    control.reads[0]?.resolve('initial');
    await settle();
    act(() => control.emit('first change'));
    act(() => control.emit('second change'));
    expect(result.current).toBe('second change');
  });

  it('lets an event that arrives before the read answers win over the older read', async () => {
    const control = controlledSource();
    const { result } = renderHook(() => useCoreValue(control.source));
    act(() => control.emit('from the event'));
    control.reads[0]?.resolve('stale read');
    await settle();
    expect(result.current).toBe('from the event');
  });

  it('subscribes before reading, so a change between the two cannot be missed', () => {
    const control = controlledSource();
    const order: string[] = [];
    const source: CoreValueSource<string> = {
      read: () => {
        order.push(`read with ${control.listeners.size} listener(s)`);
        return control.source.read();
      },
      follow: (listener) => {
        order.push('follow');
        return control.source.follow(listener);
      },
    };
    renderHook(() => useCoreValue(source));
    expect(order).toEqual(['follow', 'read with 1 listener(s)']);
  });

  it('stops following on unmount and ignores a read that answers afterwards', async () => {
    const control = controlledSource();
    const { result, unmount } = renderHook(() => useCoreValue(control.source));
    unmount();
    expect(control.stops()).toBe(1);
    expect(control.listeners.size).toBe(0);
    control.reads[0]?.resolve('too late');
    await settle();
    expect(result.current).toBeNull();
  });

  it('keeps null after a failed read, without an unhandled rejection, and still takes events', async () => {
    const control = controlledSource();
    const { result } = renderHook(() => useCoreValue(control.source));
    control.reads[0]?.reject(new Error('Locdesk could not complete sync.status.'));
    await settle();
    expect(result.current).toBeNull();
    act(() => control.emit('from the event'));
    expect(result.current).toBe('from the event');
  });

  it('subscribes once for a stable source, however often the component renders', async () => {
    const control = controlledSource();
    const { rerender } = renderHook(() => useCoreValue(control.source));
    rerender();
    rerender();
    await settle();
    expect(control.reads).toHaveLength(1);
    expect(control.listeners.size).toBe(1);
  });
});
