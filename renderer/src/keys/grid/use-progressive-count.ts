import { useEffect, useState } from 'react';

/** Rows the grid is first sized for when a list is larger: more than any screen shows, and cheap to lay out. */
export const firstPaintRows = 500;

/**
 * The row count to give the virtualizer for a list of `total` rows. Sizing the list for a new total is linear in the
 * total (the virtualizer works out every row's position, and the first time it runs that code cold): at 100,000 keys
 * it cost tens of milliseconds inside the very frame that should show the first rows. So while the view is near the
 * top, a larger total is first given as `firstPaintRows`, and the whole total once that frame is painted (the next
 * animation frame, then a task after it). `aria-rowcount` and keyboard moves keep using the real total; the only
 * visible difference is the scrollbar's thumb settling one frame later.
 *
 * `nearTop` is whether the view shows rows within the first `firstPaintRows` (else the whole total is given at once,
 * so a view deep in the list never loses its place).
 */
export function useProgressiveCount(total: number, nearTop: boolean): number {
  const [sizedFor, setSizedFor] = useState<number | null>(null);
  const limited = total > firstPaintRows && nearTop && sizedFor !== total;
  useEffect(() => {
    if (!limited) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const afterPaint = (): void => {
      timer = setTimeout(() => setSizedFor(total), 0);
    };
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(afterPaint) : null;
    if (frame === null) afterPaint();
    return () => {
      if (frame !== null) cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [limited, total]);
  return limited ? firstPaintRows : total;
}
