/**
 * Reads, in the background and in small steps, the pages a project's first searches read besides the key rows
 * themselves: the full-text index's blocks, the QA results and the index from key ids to key rows that the QA
 * overlay looks up. Why (issue 17): after a start the files are in the OS's cache but not in the connection's page
 * cache, and a query's first run paid for each page it met for the first time, 1–3 ms more than its repeats at
 * 100,000 keys. These three fit the connection's caches (about 13, 6 and 4 MB there, against 16 MB per file; see
 * database.ts); the key rows and their translations (over 100 MB) do not, so they are left to the queries.
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
}

/** The b-trees walked, in the order a project's first searches need them. */
export type WarmedPart = 'searchIndex' | 'qaResults' | 'keyIds';

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
  ];
}

/** The snapshots warmed (or being warmed) per connection, so each is walked once. */
const warmed = new WeakMap<Connection, Set<string>>();

/** Reads one step of `walk` after the key `after`; answers the key to go on from, or null when the walk is done. */
function walkStep(connection: Connection, walk: Walk, after: number, onStep: StepObserver): number | null {
  const [last, count] = cachedStatement(connection, walk.sql, true).get(...walk.parameters, after, walk.step) as [number | null, number];
  onStep(walk.part, count);
  return count < walk.step || last === null ? null : last;
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
    const step = (): void => {
      const walk = pending[0];
      if (walk === undefined || !connection.open || !isCurrent()) {
        resolve();
        return;
      }
      try {
        const next = walkStep(connection, walk, after, onStep);
        if (next === null) {
          pending.shift();
          after = -1;
        } else {
          after = next;
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
