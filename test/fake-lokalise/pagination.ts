/**
 * Lokalise's two pagination schemes as the fake serves them.
 *
 * Offset: `page` (1-based) and `limit` (default 100), answered with four `X-Pagination-*` headers as decimal
 * strings. Cursor: `pagination=cursor&limit=N&cursor=…`, keyset by ascending id (`id > cursor`), answered with only
 * `X-Pagination-Limit` and `X-Pagination-Next-Cursor` = base64 of `{"1":<last id>}`. The real server still sends
 * the cursor on the last non-empty page (clients must then read one empty page); the header is omitted on an
 * empty page so clients that treat any header as "more" still stop.
 */
import type { ServerResponse } from 'node:http';
import { sendNestedError } from './http';

/** A validated offset page request. */
export interface PageRequest {
  readonly limit: number;
  readonly page: number;
}

/** Decodes a cursor (`base64({"1": lastId})`) into the last id, or null when it is absent or malformed. */
export function decodeCursor(cursor: string | null): number | null {
  if (cursor === null || cursor === '') return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Record<string, unknown>;
    return typeof parsed['1'] === 'number' ? parsed['1'] : null;
  } catch {
    return null;
  }
}

/** Encodes a cursor the way Lokalise does. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ 1: lastId })).toString('base64');
}

/** Reads `limit` and `page`, answering 400 (and returning null) when they are malformed or above `maximum`. */
export function readPage(query: URLSearchParams, maximum: number, response: ServerResponse): PageRequest | null {
  const limit = Number(query.get('limit') ?? '100');
  const page = Number(query.get('page') ?? '1');
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(page) || page < 1) {
    sendNestedError(response, 400, 'Invalid `limit` or `page` parameter');
    return null;
  }
  if (limit > maximum) {
    sendNestedError(response, 400, `Limit exceeds the maximum of ${maximum}`);
    return null;
  }
  return { limit, page };
}

/** The four offset headers for a list of `total` items. */
export function offsetHeaders(total: number, page: PageRequest): Record<string, string> {
  return {
    'X-Pagination-Total-Count': String(total),
    'X-Pagination-Page-Count': String(Math.max(1, Math.ceil(total / page.limit))),
    'X-Pagination-Limit': String(page.limit),
    'X-Pagination-Page': String(page.page),
  };
}

/**
 * The cursor headers for a page whose last item has `lastId` (null when the page is empty). With `onlyWhenMore`
 * the cursor is left off the last page, as a well-behaved server would do.
 */
export function cursorHeaders(limit: number, lastId: number | null, hasMore: boolean, onlyWhenMore: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'X-Pagination-Limit': String(limit) };
  if (lastId !== null && (hasMore || !onlyWhenMore)) headers['X-Pagination-Next-Cursor'] = encodeCursor(lastId);
  return headers;
}

/** Where a cursor page starts in `count` items sorted by ascending id: the first position whose id exceeds `after`. */
export function firstAfter(count: number, idAt: (position: number) => number, after: number | null): number {
  if (after === null) return 0;
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (idAt(middle) <= after) low = middle + 1;
    else high = middle;
  }
  return low;
}
