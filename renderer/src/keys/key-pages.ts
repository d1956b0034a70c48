/**
 * Which pages of a key list to ask for, which to let go and which cursor to send, as pure functions over page
 * numbers, so the window's paging can be tested without a core or a layout engine (see use-key-window.ts).
 */
import type { KeyCursor } from '../../../common/contract';

/** The pages the view needs, first to last (inclusive). */
export interface PageRange {
  readonly first: number;
  readonly last: number;
}

/** Loaded pages kept around the view: enough to scroll back a little without asking again, few enough to stay small. */
export const keptPages = 5;

/** Up to `slots` pages of `wanted` that are neither loaded nor asked for, in order. */
export function pagesToLoad(wanted: PageRange, loaded: ReadonlyMap<number, unknown>, requested: ReadonlySet<number>, slots: number): number[] {
  const chosen: number[] = [];
  for (let page = wanted.first; page <= wanted.last && chosen.length < slots; page += 1) {
    if (!loaded.has(page) && !requested.has(page)) chosen.push(page);
  }
  return chosen;
}

/** How many pages `page` lies outside `range` (0 inside it). */
function distance(page: number, range: PageRange): number {
  return page < range.first ? range.first - page : page > range.last ? page - range.last : 0;
}

/** The loaded pages to let go: all but the `keep` nearest the view, never one the view shows. */
export function pagesToEvict(loaded: Iterable<number>, wanted: PageRange, keep: number): number[] {
  const byDistance = [...loaded].sort((a, b) => distance(a, wanted) - distance(b, wanted) || a - b);
  return byDistance.slice(keep).filter((page) => distance(page, wanted) > 0);
}

/** The cursor of the nearest page before `page` (cursors are kept by the page they ended), or null when none. */
export function nearestCursor(cursors: ReadonlyMap<number, KeyCursor>, page: number): KeyCursor | null {
  let best: number | null = null;
  for (const candidate of cursors.keys()) {
    if (candidate < page && (best === null || candidate > best)) best = candidate;
  }
  return best === null ? null : (cursors.get(best) ?? null);
}

/** Whether the view moved from `previous` to `next` past the pages right beside it (a jump, not a scroll). */
export function jumped(previous: PageRange, next: PageRange): boolean {
  return next.first > previous.last + 1 || next.last < previous.first - 1;
}
