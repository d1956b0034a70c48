import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyPage, KeyQueryInput, KeyRow } from '../../../common/contract';
import { api, messageOf } from '../api';

/** Rows are fetched in pages of this size as the list scrolls. */
export const keyPageSize = 100;

/** The loaded part of a query's result: total, rows by index, and a way to ask for more. */
export interface KeyWindow {
  readonly total: number | null;
  readonly problem: string | null;
  /** Set when the search ran out of its time budget before it had read every key (the count is then partial). */
  readonly partial: KeyPage['partial'] | null;
  row(index: number): KeyRow | undefined;
  /** Makes sure rows `first`..`last` are loaded or loading. */
  ensure(first: number, last: number): void;
}

/**
 * Loads a query's rows lazily, a page at a time, and forgets everything when the query changes. Answers that
 * arrive for an older query are dropped, so a fast typist never sees stale results.
 */
export function useKeyWindow(query: Omit<KeyQueryInput, 'offset' | 'limit'> | null, reloadToken: number): KeyWindow {
  const [pages, setPages] = useState<ReadonlyMap<number, KeyRow[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [partial, setPartial] = useState<KeyPage['partial'] | null>(null);
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const signature = query === null ? null : JSON.stringify(query);

  const load = useCallback(
    (page: number) => {
      if (signature === null || requested.current.has(page)) return;
      requested.current.add(page);
      const mine = generation.current;
      const parsed = JSON.parse(signature) as KeyQueryInput;
      api()
        .keys.page({ ...parsed, offset: page * keyPageSize, limit: keyPageSize })
        .then((result) => {
          if (mine !== generation.current) return;
          setTotal(result.total);
          setPartial(result.partial ?? null);
          setProblem(null);
          setPages((current) => new Map(current).set(page, result.items));
        })
        .catch((error: unknown) => {
          if (mine !== generation.current) return;
          requested.current.delete(page);
          setProblem(messageOf(error));
        });
    },
    [signature],
  );

  useEffect(() => {
    generation.current += 1;
    requested.current = new Set();
    setPages(new Map());
    setTotal(null);
    setPartial(null);
    load(0);
  }, [load, reloadToken]);

  return {
    total,
    problem,
    partial,
    row: (index) => pages.get(Math.floor(index / keyPageSize))?.[index % keyPageSize],
    ensure: (first, last) => {
      for (let page = Math.floor(first / keyPageSize); page <= Math.floor(last / keyPageSize); page += 1) load(page);
    },
  };
}
