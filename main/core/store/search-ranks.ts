/**
 * Answers the common search (indexed terms, with the archived/hidden switches and a status filter) without joining
 * every match back to the keys table. At 100,000 keys a word like "settings" matches some 14,000 keys; SQLite spends
 * about a microsecond per match looking each up and then sorts them all by name, which made such searches the slow
 * end of the bench (25 ms of a 30 ms budget on a quiet machine). Here the full-text index hands over its matching row
 * ids as one string, and each is filtered and ranked from compact arrays held for the project's current snapshot:
 * sort positions by name and by modified time (read from the snapshot's key_order rows, which the SQL path's ORDER
 * BY matches exactly), the archived/hidden flags and the three status bitmasks.
 *
 * The arrays are keyed by generation, which every sync bumps, and dropped with their snapshot. A sync builds them on
 * the library's writing thread before its swap (a few hundred milliseconds at 100,000 keys) and hands them to main
 * with zero copy (see search-handover.ts), so main's event loop never builds them during a sync (issue 17). For a
 * snapshot no sync handed over (after a start) a connection given a reader elsewhere (`readRanksElsewhere`: the
 * library store's, a thread) has them read there, once the project's first page is answered, and a search arriving
 * before they are there takes the SQL path (or waits for them: `ranksArriving`); main builds them itself only on a
 * connection with no such reader (tests of the store's insides) or when no thread could run. Queries this cannot
 * answer exactly (terms checked by LIKE, tags, platforms, languages past the bitmask range) return null and take the
 * SQL path.
 */
import type { Connection } from './connection';
import { sortOrders } from './key-order';
import { cachedStatement } from './statements';

/** The sort orders a key page supports. */
type RankOrder = 'name' | 'modified';

/** What a ranked search needs to know besides the full-text expression. */
export interface RankQuery {
  readonly match: string;
  readonly includeArchived: boolean;
  readonly includeHidden: boolean;
  readonly sort: RankOrder;
  /** Which status bitmask to test and the language bits wanted, or null for no status filter. */
  readonly status: { readonly column: 'empty' | 'unverified' | 'unreviewed'; readonly bits: number } | null;
  readonly offset: number;
  readonly limit: number;
}

/**
 * The arrays for one snapshot; positions are `id - base`. Typed arrays only, each on a buffer of its own, so they
 * travel between threads by transfer (rankBuffers).
 */
export interface SnapshotRanks {
  readonly base: number;
  readonly nameRank: Int32Array;
  readonly modifiedRank: Int32Array;
  readonly idsByName: Float64Array;
  readonly idsByModified: Float64Array;
  /** Bit 0 archived, bit 1 hidden. */
  readonly flags: Uint8Array;
  /** Each mask split into its low and high 26 bits, so JavaScript's 32-bit bitwise operators can test it. */
  readonly masks: Record<'empty' | 'unverified' | 'unreviewed', { low: Int32Array; high: Int32Array }>;
}

const maskSplit = 2 ** 26;
const cache = new WeakMap<Connection, Map<string, SnapshotRanks>>();
/** Snapshots kept per connection: the open project and the one before it. */
const keptSnapshots = 2;

/** The comma-separated non-negative integers SQLite's group_concat gave, read in one pass without splitting. */
function numbers(text: string | null): Float64Array {
  if (text === null || text === '') return new Float64Array(0);
  let count = 1;
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) === 44) count += 1;
  const values = new Float64Array(count);
  let value = 0;
  let position = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 44) {
      values[position] = value;
      position += 1;
      value = 0;
    } else {
      value = value * 10 + (code - 48);
    }
  }
  values[position] = value;
  return values;
}

function single(connection: Connection, sql: string, ...parameters: unknown[]): string | null {
  const row = connection.prepare(sql).raw(true).get(...parameters) as [string | null] | undefined;
  return row?.[0] ?? null;
}

/**
 * Reads the arrays of the project's generation `generation` from its key_order rows: on the writing thread before a
 * swap (the rows are written by then), or on main for a snapshot no sync handed over.
 */
export function readSnapshotRanks(connection: Connection, projectId: string, generation: number): SnapshotRanks {
  // The name order's rows carry each key's flags and masks too, so one pass over them reads both (five numbers per
  // key, in name order); the modified order gives only ids.
  const byName = numbers(
    single(
      connection,
      "SELECT group_concat(id || ',' || (is_archived + 2 * is_hidden) || ',' || empty_mask || ',' || unverified_mask || ',' || unreviewed_mask) FROM (SELECT * FROM key_order WHERE project_id = ? AND generation = ? AND sort = ? ORDER BY position)",
      projectId,
      generation,
      sortOrders.name,
    ),
  );
  const idsByName = new Float64Array(Math.floor(byName.length / 5));
  for (let index = 0; index < idsByName.length; index += 1) idsByName[index] = byName[index * 5] ?? 0;
  const idsByModified = numbers(
    single(connection, 'SELECT group_concat(id) FROM (SELECT id FROM key_order WHERE project_id = ? AND generation = ? AND sort = ? ORDER BY position)', projectId, generation, sortOrders.modified),
  );
  const base = idsByName.length === 0 ? 0 : idsByName.reduce((smallest, id) => Math.min(smallest, id), Number.POSITIVE_INFINITY);
  const span = idsByName.length === 0 ? 0 : idsByName.reduce((largest, id) => Math.max(largest, id), 0) - base + 1;
  const nameRank = new Int32Array(span).fill(-1);
  const modifiedRank = new Int32Array(span).fill(-1);
  idsByName.forEach((id, rank) => (nameRank[id - base] = rank));
  idsByModified.forEach((id, rank) => (modifiedRank[id - base] = rank));
  const flags = new Uint8Array(span);
  const masks = {
    empty: { low: new Int32Array(span), high: new Int32Array(span) },
    unverified: { low: new Int32Array(span), high: new Int32Array(span) },
    unreviewed: { low: new Int32Array(span), high: new Int32Array(span) },
  };
  for (let index = 0; index + 4 < byName.length; index += 5) {
    const position = (byName[index] ?? 0) - base;
    flags[position] = byName[index + 1] ?? 0;
    (['empty', 'unverified', 'unreviewed'] as const).forEach((column, offset) => {
      const mask = byName[index + 2 + offset] ?? 0;
      masks[column].low[position] = mask % maskSplit;
      masks[column].high[position] = Math.floor(mask / maskSplit);
    });
  }
  return { base, nameRank, modifiedRank, idsByName, idsByModified, flags, masks };
}

/** The buffers under `ranks`, for a postMessage transfer list (the arrays move, nothing is copied). */
export function rankBuffers(ranks: SnapshotRanks): ArrayBuffer[] {
  const arrays = [ranks.nameRank, ranks.modifiedRank, ranks.idsByName, ranks.idsByModified, ranks.flags, ...Object.values(ranks.masks).flatMap((mask) => [mask.low, mask.high])];
  return [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))];
}

function keep(connection: Connection, projectId: string, generation: number, ranks: SnapshotRanks): void {
  const snapshots = cache.get(connection) ?? new Map<string, SnapshotRanks>();
  cache.set(connection, snapshots);
  const key = `${projectId}\u0000${generation}`;
  // Most recently used last, so the oldest is the one dropped.
  snapshots.delete(key);
  snapshots.set(key, ranks);
  for (const old of snapshots.keys()) {
    if (snapshots.size <= keptSnapshots) break;
    snapshots.delete(old);
  }
}

/**
 * Keeps `ranks`, read elsewhere (the writing thread, before the swap that makes `generation` current), as the
 * arrays of that snapshot on `connection`, so its first search builds nothing.
 */
export function adoptRanks(connection: Connection, projectId: string, generation: number, ranks: SnapshotRanks): void {
  keep(connection, projectId, generation, ranks);
  void warmRankCode(ranks);
}

/** The arrays `connection` holds for the snapshot, if any (built nowhere); for tests of the handover. */
export function heldRanks(connection: Connection, projectId: string, generation: number): SnapshotRanks | undefined {
  return cache.get(connection)?.get(`${projectId}\u0000${generation}`);
}

/**
 * Reads the arrays of a project's generation somewhere other than main's event loop; null when nothing could run
 * there (main then builds them itself, as before issue 17). Rejects with what the read met.
 */
export type RanksReader = (projectId: string, generation: number) => Promise<SnapshotRanks | null>;

/** A connection's reader elsewhere, and the reads it has under way (by project and generation). */
interface Elsewhere {
  readonly read: RanksReader;
  readonly reading: Map<string, Promise<void>>;
  /** Reads asked for by readRanksSoon, not started yet. */
  readonly soon: Set<string>;
  /** True once the reader could not run or failed: from then on main builds the arrays itself. */
  unavailable: boolean;
}

const elsewhere = new WeakMap<Connection, Elsewhere>();
/** Per connection, how many times its arrays were dropped: an answer read across a drop is not kept. */
const drops = new WeakMap<Connection, number>();

/**
 * Has the arrays of every snapshot no sync handed over read by `read` (a thread) rather than on main (see the module
 * comment): the library store sets this for its connection.
 */
export function readRanksElsewhere(connection: Connection, read: RanksReader): void {
  elsewhere.set(connection, { read, reading: new Map(), soon: new Set(), unavailable: false });
}

/**
 * Starts reading the snapshot's arrays elsewhere unless they are held or being read, and returns the read to wait
 * for; null when there is nothing to wait for (held, or no reader elsewhere). Once it settles the arrays are kept if
 * the generation is still current (`isCurrent`) and the arrays were not dropped meanwhile; after a failed read main
 * builds them itself (and meets and reports what the thread met).
 */
export function ranksArriving(connection: Connection, projectId: string, generation: number, isCurrent: () => boolean): Promise<void> | null {
  const key = `${projectId}\u0000${generation}`;
  const away = elsewhere.get(connection);
  if (away === undefined || away.unavailable || cache.get(connection)?.has(key) === true) return null;
  const under = away.reading.get(key);
  if (under !== undefined) return under;
  const dropped = drops.get(connection) ?? 0;
  const reading = away.read(projectId, generation).then(
    (ranks) => {
      if (ranks === null) away.unavailable = true;
      else if (connection.open && (drops.get(connection) ?? 0) === dropped && isCurrent()) {
        keep(connection, projectId, generation, ranks);
        // A search waiting for the arrays waits for the warm code too (a few more turns), so it does not run cold.
        return warmRankCode(ranks);
      }
      return undefined;
    },
    () => {
      // A thread that failed (the file, or the thread's own code) is not asked again: main builds them as before, and
      // meets and reports what the thread met.
      away.unavailable = true;
    },
  );
  const settled: Promise<void> = reading.finally(() => {
    if (away.reading.get(key) === settled) away.reading.delete(key);
  });
  away.reading.set(key, settled);
  return settled;
}

/**
 * Starts reading the snapshot's arrays elsewhere once the current turn of the event loop is over (the page that
 * asked has been answered), unless they are held or being read: the read takes a core for a few hundred
 * milliseconds at 100,000 keys, and the page that asked should not share the machine with it.
 */
export function readRanksSoon(connection: Connection, projectId: string, generation: number, isCurrent: () => boolean): void {
  const key = `${projectId}\u0000${generation}`;
  const away = elsewhere.get(connection);
  if (away === undefined || away.unavailable || away.reading.has(key) || away.soon.has(key) || cache.get(connection)?.has(key) === true) return;
  away.soon.add(key);
  setImmediate(() => {
    away.soon.delete(key);
    if (connection.open) void ranksArriving(connection, projectId, generation, isCurrent);
  });
}

/** The arrays of the snapshot: held, else built here when nothing elsewhere reads them, else null (not there yet). */
function ranksFor(connection: Connection, projectId: string, generation: number): SnapshotRanks | null {
  const found = cache.get(connection)?.get(`${projectId}\u0000${generation}`);
  if (found === undefined) {
    const away = elsewhere.get(connection);
    if (away !== undefined && !away.unavailable) return null;
  }
  const ranks = found ?? readSnapshotRanks(connection, projectId, generation);
  keep(connection, projectId, generation, ranks);
  return ranks;
}

/** A key row's three status bitmasks, as the keys table and key_order hold them. */
export interface RowMasks {
  readonly empty: number;
  readonly unverified: number;
  readonly unreviewed: number;
}

/**
 * Follows a translation written into a snapshot in place (translation-write.ts: a pushed edit, "take theirs"): key
 * row `id`'s new status masks go into the held arrays, so a search filtered by status agrees with the key's cell at
 * once, and the kept match lists are dropped, since the key's search document changed. Arrays being read elsewhere
 * were read before the change, so that answer is dropped (the next search asks again).
 */
export function rowWritten(connection: Connection, projectId: string, generation: number, id: number, masks: RowMasks): void {
  matchLists.delete(connection);
  drops.set(connection, (drops.get(connection) ?? 0) + 1);
  elsewhere.get(connection)?.reading.clear();
  const ranks = cache.get(connection)?.get(`${projectId}\u0000${generation}`);
  const position = id - (ranks?.base ?? 0);
  if (ranks === undefined || position < 0 || position >= ranks.flags.length) return;
  for (const column of ['empty', 'unverified', 'unreviewed'] as const) {
    ranks.masks[column].low[position] = masks[column] % maskSplit;
    ranks.masks[column].high[position] = Math.floor(masks[column] / maskSplit);
  }
}

/** Drops every snapshot's arrays for `connection`; needed when generation numbers start again ("forget offline data"). */
export function forgetRanks(connection: Connection): void {
  cache.delete(connection);
  matchLists.delete(connection);
  drops.set(connection, (drops.get(connection) ?? 0) + 1);
  elsewhere.get(connection)?.reading.clear();
}

/**
 * The page's key row ids in order and the total number of matches, for `query` over the project's snapshot; null
 * while its arrays are being read elsewhere (the caller takes the SQL path; see `ranksArriving`).
 */
export function rankedSearch(connection: Connection, projectId: string, generation: number, query: RankQuery): { ids: number[]; total: number } | null {
  const ranks = ranksFor(connection, projectId, generation);
  if (ranks === null) return null;
  return pageOfMatches(ranks, matchesOf(connection, `${projectId}\u0000${generation}\u0000${query.match}`, query.match), query);
}

/**
 * The match lists kept per connection, by project, generation and full-text expression, most recently used last.
 * A search asked again (the grid's next page as the translator scrolls through the results, a filter changed, the
 * translator back at an earlier query) reads its matches here rather than from the index: at 100,000 keys a common
 * word's 14,000 matches cost 1-1.5 ms to read and parse each time. A snapshot's index entries for its keys change only
 * through rowWritten (which drops these); a sync's rows for its next snapshot have ids outside this one's arrays,
 * which pageOfMatches skips whether listed or not.
 */
const matchLists = new WeakMap<Connection, Map<string, Float64Array>>();
/**
 * How many match lists a connection keeps, and how many matches in all (8 bytes each: 8 MB at most). Typing a word
 * asks for each of its prefixes in turn, so a few words' worth of searches must fit; a common word's list at 100,000
 * keys holds some 14,000 matches, and one matching every key 100,000.
 */
const keptMatchLists = 32;
const keptMatches = 1_000_000;

function matchesOf(connection: Connection, key: string, match: string): Float64Array {
  const lists = matchLists.get(connection) ?? new Map<string, Float64Array>();
  matchLists.set(connection, lists);
  const kept = lists.get(key);
  lists.delete(key);
  // Kept prepared (statements.ts): compiling an FTS5 query costs a share of a search's few milliseconds every time.
  const matches = kept ?? numbers((cachedStatement(connection, 'SELECT group_concat(rowid) FROM key_words WHERE key_words MATCH ?', true).get(match) as [string | null] | undefined)?.[0] ?? null);
  lists.set(key, matches);
  let held = 0;
  for (const list of lists.values()) held += list.length;
  for (const [old, list] of lists) {
    if (lists.size <= 1 || (lists.size <= keptMatchLists && held <= keptMatches)) break;
    lists.delete(old);
    held -= list.length;
  }
  return matches;
}

/** The run of the code below over a snapshot's worth of ids, once started on this thread (see warmRankCode). */
let rankCodeWarming: Promise<void> | null = null;
/** Ids per step of warmRankCode: a few milliseconds of main's event loop each at 100,000 keys. */
const warmStepIds = 10_000;

/**
 * Runs the parsing and ranking code over `ranks` with every other key as a match, in steps of `warmStepIds` on
 * successive turns of the event loop, throws the answers away, and resolves when done (at once after the first
 * call). Why: main used to build the arrays itself, which ran this code's hot loops over some 100,000 ids and so had
 * V8 compile them before the first search; arrays read on another thread leave them cold, and each of the first few
 * searches then paid 2–4 ms more in its unoptimised loops at 100,000 keys (round 0 of the search bench). In one go
 * the warm-up held main for 32–34 ms at 100,000 keys, and when the arrays came with a sync's swap it made the stall
 * bench's first sync stall 62 ms (target 50); in steps no turn holds it for more than a few milliseconds.
 */
function warmRankCode(ranks: SnapshotRanks): Promise<void> {
  rankCodeWarming ??= new Promise<void>((resolve) => {
    const step = (from: number): void => {
      if (from >= ranks.idsByName.length) {
        resolve();
        return;
      }
      const matches = ranks.idsByName.subarray(from, from + 2 * warmStepIds).filter((_, index) => index % 2 === 0).join(',');
      for (const sort of ['name', 'modified'] as const) pageOfMatches(ranks, numbers(matches), { match: '', includeArchived: false, includeHidden: false, sort, status: null, offset: 0, limit: 100 });
      setImmediate(() => step(from + 2 * warmStepIds));
    };
    setImmediate(() => step(0));
  });
  return rankCodeWarming;
}

/** The page of `query` among `matches` (key row ids, in any order), read off the snapshot's arrays. */
function pageOfMatches(ranks: SnapshotRanks, matches: Float64Array, query: RankQuery): { ids: number[]; total: number } {
  if (matches.length === 0) return { ids: [], total: 0 };
  const rankOf = query.sort === 'name' ? ranks.nameRank : ranks.modifiedRank;
  const excluded = (query.includeArchived ? 0 : 1) | (query.includeHidden ? 0 : 2);
  const status = query.status === null ? null : { masks: ranks.masks[query.status.column], low: query.status.bits % maskSplit, high: Math.floor(query.status.bits / maskSplit) };
  // Mark each match's rank, then read the wanted page off in rank order: one pass over the project's keys instead
  // of sorting every match.
  const marked = new Uint8Array(ranks.idsByName.length);
  let count = 0;
  for (const id of matches) {
    const position = id - ranks.base;
    const rank = rankOf[position];
    if (rank === undefined || rank < 0) continue;
    if (((ranks.flags[position] ?? 0) & excluded) !== 0) continue;
    if (status !== null && (((status.masks.low[position] ?? 0) & status.low) | ((status.masks.high[position] ?? 0) & status.high)) === 0) continue;
    marked[rank] = 1;
    count += 1;
  }
  const idsInOrder = query.sort === 'name' ? ranks.idsByName : ranks.idsByModified;
  const ids: number[] = [];
  let seen = 0;
  for (let rank = 0; rank < marked.length && ids.length < query.limit && seen < count; rank += 1) {
    if (marked[rank] === 0) continue;
    if (seen >= query.offset) ids.push(idsInOrder[rank] ?? 0);
    seen += 1;
  }
  return { ids, total: count };
}
