/**
 * A QA scan thread: checks ranges of a project's keys with the checks of common/qa and stores what it finds in
 * qa.sqlite, so a scan of a million translations never runs on the main thread (see qa-scan-pool.ts, which starts
 * two of these and hands them ranges one at a time, and qa-scan-protocol.ts for the messages).
 *
 * It reads the library through a read-only connection of its own (WAL: never waits for the sync writer) and writes
 * each range in one transaction, replacing that range's rows, so the stored results are always whole per key and a
 * scan stopped half way leaves every key either at its old or its new result.
 *
 * This file is the worker's entry; the main build bundles it into out/main/qa-scan-worker.js (see worker-script.ts).
 */
import Database from 'libsql';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Connection, Statement } from './connection';
import { isDamage } from './damage';
import { currentFacets } from './facets-read';
import type { FacetsData, FacetsReply } from './facets-thread';
import { issueMask, keyIssues, pendingValues, type PendingValues } from './qa-inputs';
import type { QaCountsData, QaReply, QaRequest, QaWorkerData } from './qa-scan-protocol';
import { qaCounts, qaTablesSql } from './qa-results';
import { rankBuffers, readSnapshotRanks } from './search-ranks';
import type { RanksData, RanksReply } from './search-ranks-thread';
import type { StoredTranslation } from './stored-translations';

type KeyRowTuple = [number, number, number, number, string];

/** A cell to sleep on between tries of a busy write (a worker thread may block). */
const pause = new Int32Array(new SharedArrayBuffer(4));

/** True for SQLite's "database is locked" (SQLITE_BUSY and its extended codes). */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** One thread's connections and statements. */
class ScanThread {
  private readonly select: Statement;
  private readonly clear: Statement;
  private readonly insert: Statement;
  private readonly pending: PendingValues;

  public constructor(
    private readonly library: Connection,
    private readonly results: Connection,
    private readonly data: QaWorkerData,
  ) {
    this.select = library
      .prepare(
        `SELECT k.id, k.key_id, k.is_plural, k.char_limit, t.translations FROM keys k JOIN key_translations t ON t.key_row = k.id
         WHERE k.id >= ? AND k.id < ? AND k.project_id = ? AND k.generation = ?`,
      )
      .raw(true);
    this.clear = results.prepare('DELETE FROM issues WHERE key_row >= ? AND key_row < ? AND project_id = ?');
    // One statement per range, its rows as one JSON array: a statement per row cost more in crossing from
    // JavaScript to SQLite than SQLite spent storing it (about 60% of a scan's writes).
    this.insert = results.prepare(
      'INSERT INTO issues (key_row, iso, project_id, generation, mask) SELECT value ->> 0, value ->> 1, ?, ?, value ->> 2 FROM json_each(?)',
    );
    this.pending = pendingValues(data.pending);
  }

  /**
   * Starts a write transaction on the results file, waiting up to 10 s for the other thread's. The busy timeout
   * alone did not always wait: on a loaded machine `BEGIN IMMEDIATE` answered SQLITE_BUSY after ~130 ms now and
   * then, and the whole scan failed (seen in the 1M bench, about one run in three under a CPU profiler).
   */
  private beginWrite(): void {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        this.results.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error;
        Atomics.wait(pause, 0, 0, 5);
      }
    }
  }

  /** The snapshot's first and last key row id and its key count (see the `bounds` request). */
  public bounds(): QaReply {
    const { projectId, generation } = this.data;
    const [firstRow, lastRow, total] = this.library
      .prepare('SELECT coalesce(min(id), 0), coalesce(max(id), -1), count(*) FROM keys WHERE project_id = ? AND generation = ?')
      .raw(true)
      .get(projectId, generation) as [number, number, number];
    return { type: 'bounds', firstRow, lastRow, total };
  }

  /** Checks and stores one range; answers how many keys it held. */
  public range(from: number, to: number): number {
    const { projectId, generation, facts, settings } = this.data;
    const rows = this.select.all(from, to, projectId, generation) as KeyRowTuple[];
    const found: [number, string, number][] = [];
    for (const [keyRow, keyId, isPlural, charLimit, translations] of rows) {
      const key = { keyId, isPlural: isPlural === 1, charLimit, translations: JSON.parse(translations) as Record<string, StoredTranslation> };
      for (const [iso, issues] of keyIssues(facts, key, settings, this.pending)) found.push([keyRow, iso, issueMask(issues)]);
    }
    this.beginWrite();
    try {
      this.clear.run(from, to, projectId);
      if (found.length > 0) this.insert.run(projectId, generation, JSON.stringify(found));
      this.results.exec('COMMIT');
    } catch (error) {
      if (this.results.inTransaction) this.results.exec('ROLLBACK');
      throw error;
    }
    return rows.length;
  }

  /**
   * Deletes the project's rows of other generations, in a write transaction like a range's (a bare DELETE starts as
   * a reader and can meet the other thread's commit before it upgrades).
   */
  public cleanup(): void {
    this.beginWrite();
    try {
      this.results.prepare('DELETE FROM issues WHERE project_id = ? AND generation != ?').run(this.data.projectId, this.data.generation);
      this.results.exec('COMMIT');
    } catch (error) {
      if (this.results.inTransaction) this.results.exec('ROLLBACK');
      throw error;
    }
  }

  public close(): void {
    this.library.close();
    this.results.close();
  }
}

function open(data: QaWorkerData): ScanThread {
  const library = new Database(data.libraryPath, { readonly: true });
  let results: Connection | null = null;
  try {
    library.exec('PRAGMA busy_timeout = 5000');
    results = new Database(data.qaPath);
    results.exec('PRAGMA busy_timeout = 10000');
    results.exec('PRAGMA synchronous = NORMAL');
    for (const sql of qaTablesSql('')) results.exec(sql);
    return new ScanThread(library, results, data);
  } catch (error) {
    library.close();
    results?.close();
    throw error;
  }
}

function failure(error: unknown): QaReply {
  return { type: 'failed', message: error instanceof Error ? error.message : String(error), damaged: isDamage(error) };
}

/** Opens the files and answers the pool's requests on `port` until it says close. */
function serve(port: MessagePort, data: QaWorkerData): void {
  const reply = (message: QaReply): void => port.postMessage(message);
  let thread: ScanThread;
  try {
    thread = open(data);
  } catch (error) {
    reply(failure(error));
    return;
  }
  port.on('message', (request: QaRequest) => {
    try {
      switch (request.type) {
        case 'bounds':
          reply(thread.bounds());
          return;
        case 'range':
          reply({ type: 'done', keys: thread.range(request.from, request.to) });
          return;
        case 'cleanup':
          thread.cleanup();
          reply({ type: 'done', keys: 0 });
          return;
        case 'close':
          thread.close();
          process.exit(0);
      }
    } catch (error) {
      reply(failure(error));
    }
  });
  reply({ type: 'ready' });
}

/**
 * Counts one project's stored results (see `QaCountsData`) and answers once; with no listener left the thread then
 * ends by itself. The library is opened read-only with the results attached, so the count is the very query the
 * main thread ran before (same rows, same numbers), only on this thread.
 */
function count(port: MessagePort, data: QaCountsData): void {
  let library: Connection | null = null;
  try {
    library = new Database(data.libraryPath, { readonly: true });
    library.exec('PRAGMA busy_timeout = 5000');
    library.prepare('ATTACH DATABASE ? AS qa').run(data.qaPath);
    port.postMessage({ type: 'counts', counts: qaCounts(library, data.projectId, data.generation, data.isos) } satisfies QaReply);
  } catch (error) {
    port.postMessage(failure(error));
  } finally {
    library?.close();
  }
}

/**
 * Reads one project's facets (see facets-thread.ts) and answers once, the thread then ending by itself. An error
 * goes back with its message and SQLite code, so main raises the same error a read of its own would have met.
 */
function facets(port: MessagePort, data: FacetsData): void {
  let library: Connection | null = null;
  try {
    library = new Database(data.libraryPath, { readonly: true });
    library.exec('PRAGMA busy_timeout = 5000');
    port.postMessage({ type: 'facets', answer: currentFacets(library, data.projectId) } satisfies FacetsReply);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : null } satisfies FacetsReply);
  } finally {
    library?.close();
  }
}

/**
 * Reads one snapshot's search arrays (see search-ranks-thread.ts) in one read transaction and hands them over by
 * transfer; an error goes back as for the facets.
 */
function ranks(port: MessagePort, data: RanksData): void {
  let library: Connection | null = null;
  try {
    const opened = new Database(data.libraryPath, { readonly: true });
    library = opened;
    opened.exec('PRAGMA busy_timeout = 5000');
    const read = opened.transaction(() => readSnapshotRanks(opened, data.projectId, data.generation))();
    port.postMessage({ type: 'ranks', ranks: read } satisfies RanksReply, rankBuffers(read));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : null } satisfies RanksReply);
  } finally {
    library?.close();
  }
}

if (!isMainThread && parentPort !== null) {
  const data = workerData as QaWorkerData | QaCountsData | FacetsData | RanksData;
  if (!('job' in data)) serve(parentPort, data);
  else if (data.job === 'facets') facets(parentPort, data);
  else if (data.job === 'ranks') ranks(parentPort, data);
  else count(parentPort, data);
}
