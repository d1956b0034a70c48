/**
 * Walking Lokalise's two pagination styles without losing, repeating or looping.
 *
 * Offset lists follow the `X-Pagination-*` headers and stop at the last page or on an empty page (a page past the
 * end). Cursor lists (keys, translations) stop on an empty page, a missing or empty cursor, or a cursor that repeats:
 * the real API sends a next cursor even on the last non-empty page, and clients that trusted it looped or lost data.
 *
 * Both walkers fetch ahead (the next cursor page as soon as its cursor is known, or up to `concurrency` offset pages)
 * so the caller's work on one page overlaps the download of the next. When the caller stops early, requests still in flight are aborted rather
 * than left to burn the rate limit.
 */
import type { ApiResponse } from './http';
import { WireReader } from './wire';

/**
 * Fetches one page: `extraQuery` holds `page` or `cursor`, `signal` fires when the walk is abandoned or cancelled, and
 * `onHeaders` (when the fetcher supports it) receives a successful answer's headers before its body is read.
 */
export type PageFetcher = (extraQuery: Readonly<Record<string, string>>, signal: AbortSignal, onHeaders?: (headers: Headers) => void) => Promise<ApiResponse>;

/** The list inside a page body, e.g. `keys` in `{"project_id":…,"keys":[…]}`. */
export function pageItems(response: ApiResponse, field: string, what: string): unknown[] {
  const reader = new WireReader(what);
  return reader.array(reader.object(response.body, 'body')[field], field);
}

/** Positive integer from a pagination header, or null when absent or unreadable. */
function headerCount(headers: Headers, name: string): number | null {
  const value = Number(headers.get(name) ?? Number.NaN);
  return Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * How many pages the list has, from `X-Pagination-Page-Count`, else `Total-Count / Limit`. A response with neither
 * is an unpaginated list: one page.
 */
export function pageCountOf(headers: Headers): number {
  const pageCount = headerCount(headers, 'x-pagination-page-count');
  if (pageCount !== null) return pageCount;
  const total = headerCount(headers, 'x-pagination-total-count');
  const limit = headerCount(headers, 'x-pagination-limit');
  return total !== null && limit !== null ? Math.ceil(total / limit) : 1;
}

/** A signal that fires when the caller cancels or when the walk ends (so prefetched requests stop). */
function walkSignal(caller: AbortSignal | undefined, walk: AbortController): AbortSignal {
  return caller === undefined ? walk.signal : AbortSignal.any([caller, walk.signal]);
}

/** Starts a request whose rejection is observed later (or never, if the walk ends first). */
function started(request: Promise<ApiResponse>): Promise<ApiResponse> {
  request.catch(() => undefined);
  return request;
}

/**
 * Yields the items of each offset page in page order, with up to `concurrency` pages requested at once. The page
 * count is re-read from every answer, so a list that grows while it is walked is followed to its new end.
 */
export async function* offsetPages(
  fetchPage: PageFetcher,
  field: string,
  what: string,
  options: { readonly concurrency?: number; readonly signal?: AbortSignal } = {},
): AsyncGenerator<unknown[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const walk = new AbortController();
  const signal = walkSignal(options.signal, walk);
  const inFlight = new Map<number, Promise<ApiResponse>>();
  let pageCount = 1;
  let nextToRequest = 1;
  try {
    for (let page = 1; page <= pageCount; page += 1) {
      const windowEnd = page === 1 ? 1 : page + concurrency - 1;
      for (; nextToRequest <= Math.min(pageCount, windowEnd); nextToRequest += 1) {
        inFlight.set(nextToRequest, started(fetchPage({ page: String(nextToRequest) }, signal)));
      }
      const pending = inFlight.get(page) ?? started(fetchPage({ page: String(page) }, signal));
      inFlight.delete(page);
      const response = await pending;
      const entries = pageItems(response, field, what);
      if (entries.length === 0) return;
      pageCount = Math.max(pageCount, pageCountOf(response.headers));
      yield entries;
    }
  } finally {
    walk.abort();
  }
}

/**
 * Yields the items of each cursor page. Stops on an empty page, a missing or empty `X-Pagination-Next-Cursor`, or a
 * cursor already followed, so it always ends and never yields a page twice.
 *
 * The next page is requested as soon as the current answer's headers name its cursor, before that answer's body is
 * downloaded and parsed: a cursor chain is strictly sequential, so every millisecond between one answer and the next
 * request is time the server sits idle. At most `ahead` answers wait unconsumed, which bounds memory when the caller
 * is slower than the server.
 */
export function cursorPages(fetchPage: PageFetcher, field: string, what: string, callerSignal?: AbortSignal, ahead = 1): AsyncGenerator<unknown[]> {
  return cursorWalk(
    fetchPage,
    (response) => {
      const entries = pageItems(response, field, what);
      return entries.length === 0 ? null : entries;
    },
    callerSignal,
    ahead,
  );
}

/**
 * The walk of cursorPages with its own reading of each answer: `read` returns what to yield, or null for an empty
 * page (which ends the list). For pages whose body is left unparsed on this thread (see `RequestContext.unparsed`).
 */
export async function* cursorWalk<T>(fetchPage: PageFetcher, read: (response: ApiResponse) => T | null, callerSignal?: AbortSignal, ahead = 1): AsyncGenerator<T> {
  const walk = new AbortController();
  const signal = walkSignal(callerSignal, walk);
  const followed = new Set<string>();
  const waiting: Promise<ApiResponse>[] = [];
  // A cursor learnt while `ahead` answers were already waiting; asked for when the caller takes one.
  const deferred: string[] = [];
  const request = (extraQuery: Readonly<Record<string, string>>): void => {
    waiting.push(started(fetchPage(extraQuery, signal, follow)));
  };
  // Learns the next cursor from an answer's headers (early, or again once its body is in: the same cursor is ignored).
  function follow(headers: Headers): void {
    const cursor = headers.get('x-pagination-next-cursor');
    if (cursor === null || cursor === '' || followed.has(cursor)) return;
    followed.add(cursor);
    if (waiting.length < ahead) request({ cursor });
    else deferred.push(cursor);
  }
  request({});
  try {
    for (;;) {
      const pending = waiting.shift();
      if (pending === undefined) return;
      const cursor = deferred.shift();
      if (cursor !== undefined) request({ cursor });
      const response = await pending;
      const page = read(response);
      if (page === null) return;
      follow(response.headers);
      yield page;
    }
  } finally {
    walk.abort();
  }
}
