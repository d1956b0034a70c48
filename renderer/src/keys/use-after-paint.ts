import { useEffect, useState } from 'react';

/** How long to wait for a frame before going on anyway (a hidden window paints no frames). */
export const afterPaintFallbackMs = 300;

/**
 * True once `ready` has held for `scope` and two frames have been painted since: for work that should not compete
 * with the frames the translator is waiting for.
 *
 * Why: when a project's first page arrives, its rows still have to be laid out, painted and rastered, and on a
 * two-core laptop the facets and QA counts the toolbar asks for next (each a worker thread's job in main) took
 * the cores from exactly that, and their answers' render then held up the next frame. Asking after the rows' frame and
 * the one after it puts the rows first; the toolbar's counts follow two frames (about 33 ms) later. A window that paints no frames (hidden) goes on after `afterPaintFallbackMs`.
 */
export function useAfterPaint(ready: boolean, scope: string): boolean {
  const [paintedFor, setPaintedFor] = useState<string | null>(null);
  const done = paintedFor === scope;
  useEffect(() => {
    if (!ready || done) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const go = (): void => setPaintedFor(scope);
    // A frame's callbacks run before its paint, so the second frame's callback means the first has been painted;
    // the task queued from it runs after the second is painted too, so a second frame with nothing new in it
    // (the rows' last layout settling) is not held up by the work this gates either.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        timer = setTimeout(go, 0);
      });
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
