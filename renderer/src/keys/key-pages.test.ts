import { describe, expect, it } from 'vitest';
import type { KeyCursor } from '../../../common/contract';
import { jumped, nearestCursor, pagesToEvict, pagesToLoad } from './key-pages';

const cursor = (offset: number): KeyCursor => ({ generation: 1, offset, position: offset * 2, total: 1000 });

describe('key pages', () => {
  it('asks for the wanted pages not loaded or asked for yet, in order, at most as many as there are free slots', () => {
    expect(pagesToLoad({ first: 3, last: 6 }, new Map([[4, []]]), new Set([3]), 5)).toEqual([5, 6]);
    expect(pagesToLoad({ first: 3, last: 6 }, new Map(), new Set(), 1)).toEqual([3]);
    expect(pagesToLoad({ first: 3, last: 4 }, new Map(), new Set(), 0)).toEqual([]);
  });

  it('lets go of all but the pages nearest the view, and never of a page the view shows', () => {
    expect(pagesToEvict([0, 1, 2, 10, 11, 12, 13, 30], { first: 11, last: 12 }, 4).sort((a, b) => a - b)).toEqual([0, 1, 2, 30]);
    expect(pagesToEvict([5, 6, 7], { first: 5, last: 7 }, 1)).toEqual([]);
    expect(pagesToEvict([1, 2], { first: 10, last: 10 }, 5)).toEqual([]);
  });

  it('sends the cursor of the nearest page before the one asked for', () => {
    const cursors = new Map([
      [0, cursor(49)],
      [7, cursor(399)],
      [3, cursor(199)],
    ]);
    expect(nearestCursor(cursors, 5)).toEqual(cursor(199));
    expect(nearestCursor(cursors, 9)).toEqual(cursor(399));
    expect(nearestCursor(cursors, 7)).toEqual(cursor(199));
    expect(nearestCursor(cursors, 0)).toBeNull();
  });

  it('tells a jump of the view from a scroll to the pages beside it', () => {
    expect(jumped({ first: 4, last: 5 }, { first: 5, last: 6 })).toBe(false);
    expect(jumped({ first: 4, last: 5 }, { first: 6, last: 6 })).toBe(false);
    expect(jumped({ first: 4, last: 5 }, { first: 3, last: 3 })).toBe(false);
    expect(jumped({ first: 4, last: 5 }, { first: 7, last: 8 })).toBe(true);
    expect(jumped({ first: 4, last: 5 }, { first: 1, last: 2 })).toBe(true);
  });
});
