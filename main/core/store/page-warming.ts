/**
 * Reads, in the background and in small steps, the pages a project's first searches read besides the key rows
 * themselves: the full-text index's blocks, the QA results and the index from key ids to key rows that the QA
 * overlay looks up. Why (issue 17): after a start the files are in the OS's cache but not in the connection's page
 * cache, and a query's first run paid for each page it met for the first time, 1–3 ms more than its repeats at
 * 100,000 keys. The index from key ids (about 4 MB there) fits the library file's 16 MB cache (database.ts). The
 * search index and the QA results (about 13 and 6 MB) are attached files, which keep SQLite's default cache of
 * 2 MB: the walk through them leaves those caches full of their last pages rather than holding them whole. (A 16 MB
 * cache for each, tried on 7 December, made no difference to the first searches that could be told from the noise
 * (search-child.ts under tsx), for up to 19 MB more memory on main.) The key rows and their translations (over
 * 100 MB) do not fit either, so of those it reads only the rows of the list's first keys in name order (the screens
 * a translator scrolls through first), about as many as fill the rest of the library file's cache. Filling a cache
 * matters beyond the rows read: until it is full, every page a query reads for the first time goes into memory
 * newly asked of the system, and once it is full, into the memory of the page it replaces. Where a fresh page of
 * memory is dear (about 13 µs on this project's test machine, a virtual one), a search's first read of a page of
 * 100 keys took 4-6 ms with the cache still filling and 1.1-1.3 ms with it full.
 *
 * It starts once the project's first page has been answered (as the search arrays' read does), once per snapshot,
 * and yields to the event loop after every step of a few hundred pages, so a call arriving meanwhile waits for one
 * step at most and never for the whole walk. Nothing here changes an answer; a read that fails (a file not
 * attached, damage) only ends the walk, and the queries meet and report the problem themselves.
 */
import type { Connection } from './connection';
import { cachedStatement } from './statements';

/**
 * One walk over a b-tree (`part`) in key order: `sql` answers the last key and the number of rows of the next `step` rows
 * after the key given as its last parameter, so each step is a bounded read that starts where the last one ended.
 */
interface Walk {
  readonly part: WarmedPart;
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly step: number;
  /** The most rows the walk reads in all; without it, it reads the whole b-tree. */
  readonly most?: number;
}

/** The b-trees walked, in the order a project's first searches need them. */
export type WarmedPart = 'searchIndex' | 'qaResults' | 'keyIds' | 'keyRows';

/** The walks for a project's snapshot. */
function walks(projectId: string, generation: number): Walk[] {
  return [
    // Each block of the index is one page (FTS5 writes blocks just under the page size).
    { part: 'searchIndex', sql: 'SELECT max(id), count(*) FROM (SELECT id FROM search.key_words_data WHERE id > ? ORDER BY id LIMIT ?)', parameters: [], step: 256 },
    // About a hundred (key row, language) entries fit a page.
    { part: 'qaResults', sql: 'SELECT max(key_row), count(*) FROM (SELECT key_row FROM qa.issues WHERE key_row > ? ORDER BY key_row LIMIT ?)', parameters: [], step: 8192 },
    {
      part: 'keyIds',
      sql: 'SELECT max(key_id), count(*) FROM (SELECT key_id FROM keys WHERE project_id = ? AND generation = ? AND key_id > ? ORDER BY key_id LIMIT ?)',
      parameters: [projectId, generation],
      step: 8192,
    },
    // The list's first keys by name, each row and its translations read whole (length() reads a text to its end).
    // Each key costs about two pages (its row and its translations are on pages of their own, in key id order), so
    // this many fill what the other walks leave of the cache. Steps are small: each of these reads is a random one.
    {
      part: 'keyRows',
      sql: `SELECT max(position), count(*), sum(size) FROM (SELECT o.position AS position, length(k.name) + length(k.description) + length(t.translations) AS size
        FROM key_order o JOIN keys k ON k.id = o.id JOIN key_translations t ON t.key_row = o.id
        WHERE o.project_id = ? AND o.generation = ? AND o.sort = 0 AND o.position > ? ORDER BY o.position LIMIT ?)`,
      parameters: [projectId, generation],
      step: 128,
      most: keyRowsWarmed,
    },
  ];
}

/** How many of the list's first keys the walk reads whole; see the module comment and walks(). */
export const keyRowsWarmed = 1536;

/** The snapshots warmed (or being warmed) per connection, so each is walked once. */
const warmed = new WeakMap<Connection, Set<string>>();

/**
 * Reads one step of `walk` after the key `after`, `walked` of its rows read before; answers the rows read and the key
 * to go on from, or null as that key when the walk is done.
 */
function walkStep(connection: Connection, walk: Walk, after: number, walked: number, onStep: StepObserver): { last: number | null; count: number } {
  const step = Math.min(walk.step, (walk.most ?? Infinity) - walked);
  const [last, count] = cachedStatement(connection, walk.sql, true).get(...walk.parameters, after, step) as [number | null, number];
  onStep(walk.part, count);
  return { last: count < step || walked + count >= (walk.most ?? Infinity) ? null : last, count };
}

/** Told the part and the number of rows of each step read; for tests. */
export type StepObserver = (part: WarmedPart, rows: number) => void;

/** Forgets which snapshots were warmed; needed when generation numbers start again ("forget offline data"). */
export function forgetWarmedPages(connection: Connection): void {
  warmed.delete(connection);
}

/**
 * Walks the snapshot's pages (see the module comment) once the current turn of the event loop is over, one step a
 * turn; resolves when done (also when it stopped early: closed, failed, or `isCurrent` says the snapshot was
 * replaced). Each snapshot is walked once per connection; a second call resolves at once.
 */
export function warmPagesSoon(connection: Connection, projectId: string, generation: number, isCurrent: () => boolean, onStep: StepObserver = () => undefined): Promise<void> {
  const done = warmed.get(connection) ?? new Set<string>();
  warmed.set(connection, done);
  const key = `${projectId}\u0000${generation}`;
  if (done.has(key)) return Promise.resolve();
  done.add(key);
  const pending = walks(projectId, generation);
  return new Promise<void>((resolve) => {
    let after = -1;
    let walked = 0;
    const step = (): void => {
      const walk = pending[0];
      if (walk === undefined || !connection.open || !isCurrent()) {
        resolve();
        return;
      }
      try {
        const { last, count } = walkStep(connection, walk, after, walked, onStep);
        if (last === null) {
          pending.shift();
          after = -1;
          walked = 0;
        } else {
          after = last;
          walked += count;
        }
      } catch {
        // Only a warm-up: the queries meet whatever this met and report it.
        resolve();
        return;
      }
      setImmediate(step);
    };
    setImmediate(step);
  });
}
