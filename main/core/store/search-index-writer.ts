/**
 * Feeds the full-text index during a sync. The default writer indexes on a worker thread with its own connection to
 * `search.sqlite`, so tokenizing a page of translations overlaps with storing the next page on the main thread, and
 * copies out the index's term list (see search-index.ts) at the end of a load, before the swap. Where a worker cannot
 * start, the same work runs inline on the library connection, slower but identical in result.
 *
 * Ordering and safety: batches are applied in the order given; `flush` resolves once every batch so far is
 * committed, which the snapshot writer awaits before it swaps a generation in. A batch that fails makes `flush`
 * reject, so the swap never happens over an incomplete index.
 */
import { Worker } from 'node:worker_threads';
import { LocdeskError } from '../errors';
import type { Logger } from '../log';
import { workerScript } from '../worker-script';
import type { Connection } from './connection';
import { refreshTerms, termRefreshSql } from './search-index';
import type { IndexReply, IndexRequest, IndexWorkerData } from './search-index-protocol';

/** The file the indexing thread starts from (see worker-script.ts). */
export function indexWorkerScript(): Promise<URL> {
  return workerScript('store/search-index-worker');
}

/** Where index rows go during a sync. */
export interface SearchIndexWriter {
  /** Starts a snapshot: background merging is paused so a bulk load writes each segment once. */
  begin(): void;
  /** Queues documents for key rows `ids` (same order as `bodies`). */
  add(ids: readonly number[], bodies: readonly string[]): void;
  /** Queues the removal of documents added earlier for key rows `ids`, after every batch added so far. */
  remove(ids: readonly number[]): void;
  /** Resolves when at most `batches` added batches are still waiting, so memory stays bounded. */
  keepUp(batches: number): Promise<void>;
  /** Resolves once everything added is committed and merging is back on; rejects if any batch failed. */
  flush(): Promise<void>;
  /**
   * After a swap: merges the segments the bulk load left, a step at a time in the background. Searches are correct
   * without it, only a little slower; a new snapshot or `close` stops it, and the next swap picks it up again.
   */
  tidy(): void;
  /** Stops the writer; queued batches are dropped. */
  close(): Promise<void>;
  /** False when the writer can take no more work and a new one is needed. */
  readonly usable: boolean;
}

function indexFailure(message: string): LocdeskError {
  return new LocdeskError('store.unavailable', `The search index could not be written (${message}). Check that the disk is not full, then sync again.`);
}

/** Indexes on the calling thread through the library connection (with the index attached as `search`). */
export class InlineSearchIndexWriter implements SearchIndexWriter {
  private readonly insert;

  public readonly usable = true;

  public constructor(private readonly connection: Connection) {
    this.insert = connection.prepare('INSERT INTO search.key_words (rowid, body) VALUES (?, ?)');
  }

  public begin(): void {
    this.connection.exec("INSERT INTO search.key_words (key_words, rank) VALUES ('automerge', 0)");
  }

  public add(ids: readonly number[], bodies: readonly string[]): void {
    this.connection.transaction(() => {
      ids.forEach((id, index) => this.insert.run(id, bodies[index] ?? ''));
    })();
  }

  public remove(ids: readonly number[]): void {
    const remove = this.connection.prepare('DELETE FROM search.key_words WHERE rowid = ?');
    this.connection.transaction(() => {
      for (const id of ids) remove.run(id);
    })();
  }

  public keepUp(): Promise<void> {
    return Promise.resolve();
  }

  public flush(): Promise<void> {
    this.connection.exec("INSERT INTO search.key_words (key_words, rank) VALUES ('automerge', 4)");
    refreshTerms(this.connection, 'search.');
    return Promise.resolve();
  }

  /** Inline indexing keeps merging on during the load (see begin), so there is nothing left to tidy. */
  public tidy(): void {
    // Nothing to do: see the method's comment.
  }

  public close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Level-0 segments a bulk load may leave before FTS5 forces a merge mid-load (it caps an index at 2,000). One
 * segment is written per page of 500 keys, so a 100,000-key project loads without a single merge.
 */
const loadSegments = 256;
/**
 * How a load batches its index writes: a commit every 8 pages of keys, with up to 8 MB of index data pending in
 * memory. Measured on the bench's 100,000 keys (one thread, index alone): 25 segments instead of 200, 5.5-6 s of
 * CPU instead of 9.5 s with merging on, and queries over the unmerged index as fast as over a merged one.
 */
const loadPendingBytes = 8_000_000;
const loadBatchesPerCommit = 8;

/** `Omit` for each member of a union on its own, so a request keeps its own fields without its sequence number. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Indexes on a worker thread with its own connection to the index file. Create with `WorkerSearchIndexWriter.start`. */
export class WorkerSearchIndexWriter implements SearchIndexWriter {
  private sent = 0;
  private answered = 0;
  private failure: LocdeskError | null = null;
  private stopped = false;
  private waiters: { upTo: number; resolve: () => void }[] = [];

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: IndexReply) => this.onReply(reply));
    worker.on('error', (error: Error) => this.fail(error.message));
    worker.on('exit', () => {
      this.stopped = true;
      this.fail('the indexing thread stopped');
    });
  }

  /**
   * Starts the worker (search-index-worker.ts, found by workerScript unless `script` says where: a writing thread,
   * which cannot look for it itself, is told by the main thread) for the index at `path`; rejects when the worker
   * cannot be found or started, or cannot open the file or libsql there.
   */
  public static async start(path: string, script?: URL): Promise<WorkerSearchIndexWriter> {
    const workerData: IndexWorkerData = { path, pendingBytes: loadPendingBytes, batchesPerCommit: loadBatchesPerCommit, termRefresh: termRefreshSql('') };
    const worker = new Worker(script ?? (await indexWorkerScript()), { workerData });
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      worker.once('error', onError);
      worker.once('message', (reply: IndexReply) => {
        worker.off('error', onError);
        if (reply.type === 'ready') resolve(new WorkerSearchIndexWriter(worker));
        else {
          void worker.terminate();
          reject(new Error(reply.type === 'unavailable' ? reply.message : 'unexpected reply'));
        }
      });
    });
  }

  /** False once the thread has stopped; the store then starts a new writer. */
  public get usable(): boolean {
    return !this.stopped;
  }

  public begin(): void {
    // A batch that failed in an earlier sync (a full disk, say) must not fail this one too.
    if (!this.stopped) this.failure = null;
    this.send({ type: 'load', segments: loadSegments });
  }

  public add(ids: readonly number[], bodies: readonly string[]): void {
    this.send({ type: 'add', ids, bodies });
  }

  public remove(ids: readonly number[]): void {
    this.send({ type: 'remove', ids });
  }

  public async keepUp(batches: number): Promise<void> {
    await this.until(this.sent - batches);
  }

  public async flush(): Promise<void> {
    this.send({ type: 'loaded' });
    await this.until(this.sent);
  }

  public tidy(): void {
    if (!this.stopped) this.send({ type: 'tidy' });
  }

  public async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.removeAllListeners('exit');
    this.worker.postMessage({ type: 'close', sequence: -1 } satisfies IndexRequest);
    // Whatever waits on this writer (a sync's flush) learns it will not complete, rather than waiting forever.
    this.fail('the search index was closed');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 2000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private send(request: DistributiveOmit<IndexRequest, 'sequence'>): void {
    if (this.stopped) {
      this.fail('the indexing thread stopped');
      return;
    }
    this.sent += 1;
    this.worker.postMessage({ ...request, sequence: this.sent } satisfies IndexRequest);
  }

  private until(upTo: number): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.answered >= upTo) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({
        upTo,
        resolve: () => (this.failure === null ? resolve() : reject(this.failure)),
      });
    });
  }

  private onReply(reply: IndexReply): void {
    if (reply.type === 'failed') this.failure ??= indexFailure(reply.message);
    if (reply.type === 'done' || reply.type === 'failed') this.answered = Math.max(this.answered, reply.sequence);
    this.release();
  }

  private fail(message: string): void {
    this.failure ??= indexFailure(message);
    this.answered = Number.POSITIVE_INFINITY;
    this.release();
  }

  private release(): void {
    const ready = this.waiters.filter((waiter) => this.failure !== null || waiter.upTo <= this.answered);
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  }
}

/**
 * The writer for a library in `folder`'s index file: a worker when one starts, otherwise inline on `connection`
 * (logged, since indexing then slows the sync).
 */
export async function openSearchIndexWriter(path: string, connection: Connection, logger: Logger): Promise<SearchIndexWriter> {
  try {
    return await WorkerSearchIndexWriter.start(path);
  } catch (error) {
    logger.warn('search indexing runs on the main thread: no worker could start', { error });
    return new InlineSearchIndexWriter(connection);
  }
}
