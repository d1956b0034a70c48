import { useEffect, useState } from 'react';

/** How long to wait for a frame before going on anyway (a hidden window paints no frames). */
export const afterPaintFallbackMs = 300;

/**
 * True once `ready` has held for `scope` and a frame has been painted since: for work that should not compete with
 * the frame the translator is waiting for.
 *
 * Why: when a project's first page arrives, its rows still have to be laid out, painted and rastered, and on a
 * two-core laptop the facets and QA counts the toolbar asks for next (each a worker thread's job in main) took
 * the cores from exactly that. Asking after the rows' frame puts the rows first; the toolbar's counts follow a frame
 * later. A window that paints no frames (hidden) goes on after `afterPaintFallbackMs`.
 */
export function useAfterPaint(ready: boolean, scope: string): boolean {
  const [paintedFor, setPaintedFor] = useState<string | null>(null);
  const done = paintedFor === scope;
  useEffect(() => {
    if (!ready || done) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const go = (): void => setPaintedFor(scope);
    // A frame's callbacks run before its paint: the task queued from one runs after the frame is painted.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(go, 0);
    });
    const fallback = setTimeout(go, afterPaintFallbackMs);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ready, done, scope]);
  return done;
}
