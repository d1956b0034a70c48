import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyCursor, KeyPage, KeyQueryInput, KeyRow } from '../../../common/contract';
import { api, messageOf } from '../api';
import { keyPageSize, takeFirstPage } from './first-page-prefetch';
import { jumped, keptPages, nearestCursor, pagesToEvict, pagesToLoad, type PageRange } from './key-pages';

/** Pages asked for at once: the core answers one call at a time, so more would only queue answers for rows long gone. */
const inFlightLimit = 2;
/** How long a view that jumped must rest before its pages are asked for: a few frames. */
const settleMs = 60;

/** The loaded part of a query's result: total, rows by index, and a way to ask for more. */
export interface KeyWindow {
  readonly total: number | null;
  readonly problem: string | null;
  /** Set when the search ran out of its time budget before it had read every key (the count is then partial). */
  readonly partial: KeyPage['partial'] | null;
  row(index: number): KeyRow | undefined;
  /** Makes sure rows `first`..`last` are loaded or loading; pages far from them are let go. */
  ensure(first: number, last: number): void;
}

/** What answered for one query: kept with the query's signature, so a new query never shows the old one's count. */
interface Answer {
  readonly signature: string;
  readonly total: number | null;
  readonly partial: KeyPage['partial'] | null;
  readonly problem: string | null;
}

/** One query's pages: rows by page, pages asked for, and the cursor each loaded page ended at (kept after eviction). */
class PageCache {
  public readonly pages = new Map<number, KeyRow[]>();
  public readonly requested = new Set<number>();
  public readonly cursors = new Map<number, KeyCursor>();
  public wanted: PageRange = { first: 0, last: 0 };
  public inFlight = 0;
  /** The timer that asks for the view's pages once a jump has come to rest; null when none is waiting. */
  public settling: ReturnType<typeof setTimeout> | null = null;
  public constructor(public readonly signature: string | null) {}
}

/**
 * Loads a query's rows lazily, a page at a time, and forgets everything when the query changes. Answers that
 * arrive for an older query are dropped, so a fast typist never sees stale results. The first page is asked for in
 * the commit that shows the grid (a layout effect), ahead of any other call a child's effects make. Only the pages
 * near the view are kept, so scrolling through 100,000 keys does not pile them up; later pages carry the cursor of
 * the nearest page before them, so main seeks instead of walking the offset and does not count again.
 */
export function useKeyWindow(query: Omit<KeyQueryInput, 'offset' | 'limit' | 'after'> | null, reloadToken: number): KeyWindow {
  const signature = query === null ? null : JSON.stringify(query);
  const cache = useRef(new PageCache(null));
  const [answer, setAnswer] = useState<Answer | null>(null);
  // Bumped when a page the view shows arrives or goes: the pages live in the cache, not copied into state.
  const [version, setVersion] = useState(0);

  const pump = useCallback(() => {
    const current = cache.current;
    if (current.signature === null) return;
    const parsed = JSON.parse(current.signature) as KeyQueryInput;
    for (const page of pagesToLoad(current.wanted, current.pages, current.requested, inFlightLimit - current.inFlight)) {
      current.requested.add(page);
      current.inFlight += 1;
      const offset = page * keyPageSize;
      // The first page may have been asked for already, while the view was being rendered (first-page-prefetch.ts).
      const ahead = page === 0 ? takeFirstPage(current.signature) : null;
      (ahead ?? api().keys.page({ ...parsed, offset, limit: keyPageSize, after: nearestCursor(current.cursors, page) }))
        .then((result) => {
          if (cache.current !== current) return;
          current.inFlight -= 1;
          if (result.cursor !== undefined) current.cursors.set(page, result.cursor);
          const inView = page >= current.wanted.first - 1 && page <= current.wanted.last + 1;
          if (inView) current.pages.set(page, result.items);
          else current.requested.delete(page);
          setAnswer((previous) =>
            previous !== null && previous.signature === current.signature && previous.total === result.total && previous.partial === (result.partial ?? null) && previous.problem === null
              ? previous
              : { signature: current.signature ?? '', total: result.total, partial: result.partial ?? null, problem: null },
          );
          if (inView) setVersion((count) => count + 1);
          pump();
        })
        .catch((error: unknown) => {
          if (cache.current !== current) return;
          current.inFlight -= 1;
          current.requested.delete(page);
          // The same problem again keeps the state as it is, so a page that keeps failing is not asked for in a loop.
          const problem = messageOf(error);
          setAnswer((previous) =>
            previous?.signature === current.signature && previous.problem === problem
              ? previous
              : { signature: current.signature ?? '', total: previous?.signature === current.signature ? previous.total : null, partial: null, problem },
          );
        });
    }
  }, []);

  useLayoutEffect(() => {
    cache.current = new PageCache(signature);
    setVersion((count) => count + 1);
    pump();
  }, [signature, reloadToken, pump]);

  const current = answer !== null && answer.signature === signature ? answer : null;
  const total = current?.total ?? null;
  const problem = current?.problem ?? null;
  const partial = current?.partial ?? null;
  return useMemo<KeyWindow>(
    () => ({
      total,
      problem,
      partial,
      row: (index) => cache.current.pages.get(Math.floor(index / keyPageSize))?.[index % keyPageSize],
      ensure: (first, last) => {
        const pages = cache.current;
        const wanted = { first: Math.floor(first / keyPageSize), last: Math.floor(last / keyPageSize) };
        const previous = pages.wanted;
        if (wanted.first === previous.first && wanted.last === previous.last) {
          if (pages.settling === null) pump();
          return;
        }
        pages.wanted = wanted;
        for (const page of pagesToEvict(pages.pages.keys(), wanted, keptPages)) {
          pages.pages.delete(page);
          pages.requested.delete(page);
        }
        if (pages.settling !== null) clearTimeout(pages.settling);
        pages.settling = null;
        // A view that jumped past the pages next to the last one is a fling or a scrollbar drag: its pages are asked
        // for once it rests, not for every window it flies past (their answers would arrive for rows long gone).
        if (jumped(previous, wanted)) {
          pages.settling = setTimeout(() => {
            pages.settling = null;
            pump();
          }, settleMs);
          return;
        }
        pump();
      },
    }),
    // `version` makes the window a new object (and the grid render) whenever the pages it shows change.
    [total, problem, partial, version, pump],
  );
}
