/**
 * A page of a search the full-text index cannot narrow (only punctuation, a lone backslash, an emoji), found by
 * checking the project's keys in list order, a slice at a time, within a time budget.
 *
 * Such a search is a LIKE over every key's text: about 35 µs a key, so several seconds at 100,000 keys, during which
 * the process that runs the store answers nothing else. Reading the list a slice of positions at a time (key_order's
 * primary key makes each slice a range read) lets the scan stop when its budget is spent and answer with the matches
 * found so far, saying how far it got, instead of freezing. Slices grow or shrink to take about `sliceMs` each, so the
 * budget is kept to within one slice whatever a key costs.
 */
import type { Connection } from './connection';

/** What to scan: the ordered path's FROM clause and conditions (see key-queries.ts) and the page wanted. */
export interface ScanRequest {
  readonly from: string;
  readonly clause: string;
  readonly parameters: readonly unknown[];
  readonly projectId: string;
  readonly generation: number;
  readonly sort: number;
  readonly offset: number;
  readonly limit: number;
  /** Milliseconds the scan may take before it answers with what it has. */
  readonly budgetMs: number;
}

/** The page's key row ids, the matches counted, and how many of the project's keys were checked. */
export interface ScanResult {
  readonly ids: number[];
  readonly matched: number;
  readonly searchedKeys: number;
  readonly totalKeys: number;
}

/** Time one slice should take: small against the budget, large against a statement's fixed cost. */
const sliceMs = 8;
const firstSlice = 256;
const largestSlice = 65_536;

/** Scans `request`'s list in slices until every key is checked or the budget is spent. */
export function scanPage(connection: Connection, request: ScanRequest, clock: () => number = () => performance.now()): ScanResult {
  const started = clock();
  const [totalKeys] = connection
    .prepare('SELECT count(*) FROM key_order WHERE project_id = ? AND generation = ? AND sort = ?')
    .raw(true)
    .get(request.projectId, request.generation, request.sort) as [number];
  const statement = connection
    .prepare(`SELECT o.id FROM ${request.from} WHERE ${request.clause} AND o.position >= ? AND o.position < ? ORDER BY o.position`)
    .raw(true);
  const ids: number[] = [];
  let matched = 0;
  let position = 0;
  let slice = firstSlice;
  while (position < totalKeys) {
    const sliceStarted = clock();
    const rows = statement.all(...request.parameters, position, position + slice) as [number][];
    position += slice;
    for (const [id] of rows) {
      if (matched >= request.offset && ids.length < request.limit) ids.push(id);
      matched += 1;
    }
    const now = clock();
    if (now - started >= request.budgetMs) break;
    const took = Math.max(now - sliceStarted, 0.1);
    slice = Math.min(largestSlice, Math.max(64, Math.round((slice * sliceMs) / took)));
  }
  return { ids, matched, searchedKeys: Math.min(position, totalKeys), totalKeys };
}
