import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { firstPaintRows, useProgressiveCount } from './use-progressive-count';

describe('useProgressiveCount', () => {
  it('gives a large list near the top its first rows, then its whole total after the frame is painted', async () => {
    const { result } = renderHook(() => useProgressiveCount(100_000, true));
    expect(result.current).toBe(firstPaintRows);
    await waitFor(() => expect(result.current).toBe(100_000));
  });

  it('gives a small list, or a view deep in a large one, its whole total at once', () => {
    expect(renderHook(() => useProgressiveCount(firstPaintRows, true)).result.current).toBe(firstPaintRows);
    expect(renderHook(() => useProgressiveCount(120, true)).result.current).toBe(120);
    expect(renderHook(() => useProgressiveCount(100_000, false)).result.current).toBe(100_000);
  });

  it('starts again from the first rows when the total changes near the top, and never once it has been sized', async () => {
    const { result, rerender } = renderHook(({ total }) => useProgressiveCount(total, true), { initialProps: { total: 100_000 } });
    await waitFor(() => expect(result.current).toBe(100_000));
    rerender({ total: 100_000 });
    expect(result.current).toBe(100_000);
    rerender({ total: 60_000 });
    expect(result.current).toBe(firstPaintRows);
    await waitFor(() => expect(result.current).toBe(60_000));
  });
});
