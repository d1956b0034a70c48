import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPaintFallbackMs, useAfterPaint } from './use-after-paint';

/** Animation frames the test runs by hand, so "a frame has been painted" is a step the test takes. */
let frames: Map<number, FrameRequestCallback>;
let nextFrame: number;

function runFrame(): void {
  const pending = [...frames.values()];
  frames.clear();
  for (const callback of pending) callback(performance.now());
}

beforeEach(() => {
  vi.useFakeTimers();
  frames = new Map();
  nextFrame = 1;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    frames.set(nextFrame, callback);
    return nextFrame++;
  });
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => frames.delete(handle));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useAfterPaint', () => {
  it('stays false until ready, then turns true only after a frame and the task queued from it', () => {
    const { result, rerender } = renderHook(({ ready }) => useAfterPaint(ready, 'p1'), { initialProps: { ready: false } });
    act(() => runFrame());
    act(() => {
      vi.advanceTimersByTime(0);
    });
    expect(result.current).toBe(false);

    rerender({ ready: true });
    expect(result.current).toBe(false);
    // The frame's callback runs before its paint: still false until the task queued from it has run.
    act(() => runFrame());
    expect(result.current).toBe(false);
    act(() => {
      vi.advanceTimersByTime(0);
    });
    expect(result.current).toBe(true);
  });

  it('goes on without a frame after the fallback delay (a hidden window paints none)', () => {
    const { result } = renderHook(() => useAfterPaint(true, 'p1'));
    act(() => {
      vi.advanceTimersByTime(afterPaintFallbackMs - 1);
    });
    expect(result.current).toBe(false);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current).toBe(true);
  });

  it('starts over for another scope (another project) and stays true once done for one', () => {
    const { result, rerender } = renderHook(({ scope }) => useAfterPaint(true, scope), { initialProps: { scope: 'p1' } });
    act(() => runFrame());
    act(() => {
      vi.advanceTimersByTime(0);
    });
    expect(result.current).toBe(true);
    act(() => runFrame());
    expect(result.current).toBe(true);

    rerender({ scope: 'p2' });
    expect(result.current).toBe(false);
    act(() => runFrame());
    act(() => {
      vi.advanceTimersByTime(0);
    });
    expect(result.current).toBe(true);
  });

  it('leaves no frame or timer behind when unmounted before it is done', () => {
    const { unmount } = renderHook(() => useAfterPaint(true, 'p1'));
    expect(frames.size).toBe(1);
    unmount();
    expect(frames.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
