/**
 * The library's writing thread: a worker with its own connection to `library.sqlite` (the search index attached),
 * which writes a sync's snapshots so that the main thread, the window's lifeline in Electron, never waits for them
 * (issue 17). It runs the same SnapshotWriter the main thread would, with its search documents going to the
 * indexing thread (search-index-worker.ts, started from here), and afterwards removes the old snapshot in small
 * transactions. It also reads a resync's basis (every key's two times), which is a long read too.
 *
 * WAL is what makes the split safe: the main thread's connection keeps reading the committed snapshot while this one
 * writes the next, and sees the new one from its next read after the swap commits. See snapshot-thread.ts for the
 * main side and snapshot-protocol.ts for the messages.
 *
 * This file is the worker's entry, bundled into out/main/snapshot-worker.js like the other workers (see
 * worker-script.ts). It runs only as a worker and does nothing when imported anywhere else.
 */
import Database from 'libsql';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { LocdeskError } from '../errors';
import { silentLogger, type Logger } from '../log';
import type { Connection } from './connection';
import { readKeyTimes } from '../lokalise/wire';
import type { KeyTimes } from '../lokalise/types';
import { readResyncBasis } from './resync-basis';
import { preparedBuffers, readPreparedSearch } from './search-handover';
import { readSnapshotRanks } from './search-ranks';
import { InlineSearchIndexWriter, WorkerSearchIndexWriter, type SearchIndexWriter } from './search-index-writer';
import type { SnapshotAnswers, SnapshotFailure, SnapshotReply, SnapshotRequest, SnapshotWorkerData } from './snapshot-protocol';
import { SnapshotWriter } from './snapshot-writer';
import { storePath, useSyncCache } from './library-file';
import { searchIndexPath } from './search-index';

/**
 * Keys removed per transaction when an old snapshot goes: about 10 ms of work each on this machine, so a write on the
 * main thread's connection (a pushed translation, a sync's outcome) waits at most that long for the lock.
 */
const keysPerRemovalStep = 250;

function failureOf(error: unknown): SnapshotFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? code : null;
  // Locdesk's own errors (a page of keys that is not JSON, an indexing failure) keep their code; others are SQLite's.
  const ours = error instanceof LocdeskError;
  return {
    message: error instanceof Error ? error.message : String(error),
    sqliteCode: ours ? null : text,
    locdeskCode: ours ? text : null,
  };
}

function timesBuffers(times: KeyTimes): ArrayBuffer[] {
  return [times.keyIds, times.modifiedAt, times.translationsModifiedAt].map((array) => array.buffer as ArrayBuffer);
}

/** Opens the library for writing: WAL, the sync's small page cache, the index attached as `search`. */
function openLibrary(folder: string): Connection {
  const connection = new Database(storePath(folder));
  try {
    connection.exec('PRAGMA journal_mode = WAL');
    connection.exec('PRAGMA synchronous = NORMAL');
    connection.exec('PRAGMA foreign_keys = ON');
    connection.exec('PRAGMA busy_timeout = 5000');
    connection.exec('PRAGMA temp_store = MEMORY');
    connection.prepare('ATTACH DATABASE ? AS search').run(searchIndexPath(folder));
    connection.exec('PRAGMA search.synchronous = NORMAL');
    connection.exec('PRAGMA search.busy_timeout = 5000');
    useSyncCache(connection, true);
    return connection;
  } catch (error) {
    connection.close();
    throw error;
  }
}

/** The thread's log: warnings travel to the main thread, where the store's logger writes them. */
function forwardingLogger(port: MessagePort): Logger {
  const forward =
    (level: 'warn' | 'error') =>
    (message: string, fields: Record<string, unknown> = {}): void =>
      port.postMessage({ type: 'log', level, message, fields: JSON.parse(JSON.stringify(fields)) as Record<string, unknown> } satisfies SnapshotReply);
  return { ...silentLogger, warn: forward('warn'), error: forward('error') };
}

/** One snapshot at a time, one request at a time, in the order the store sends them. */
class WritingThread {
  private writer: SnapshotWriter | null = null;
  /** The index writer, or its start under way. */
  private search: Promise<SearchIndexWriter> | null = null;

  public constructor(
    private readonly connection: Connection,
    private readonly data: SnapshotWorkerData,
    private readonly logger: Logger,
  ) {}

  /** Carries out one request and returns its answer; throws when SQLite or the index refuses it. */
  public async handle(request: SnapshotRequest): Promise<SnapshotAnswers[SnapshotRequest['type']]> {
    switch (request.type) {
      case 'open': {
        const search = await this.indexWriter();
        this.writer = SnapshotWriter.begin(this.connection, request.projectId, search, {
          expectedKeys: request.expectedKeys,
          now: Date.now,
          logger: this.logger,
          removeLater: true,
        });
        return null;
      }
      case 'languages':
        this.current().writeLanguages(request.languages);
        return null;
      case 'keys':
        return this.current().writePage(request.page);
      case 'carry':
        this.current().carryForward(request.dropKeyIds);
        return null;
      case 'prepare': {
        const writer = this.current();
        writer.writeOrders();
        // The index thread commits its last batches while this thread reads the search arrays off the orders just
        // written (about 0.1 s and 0.15 s at 100,000 keys, measured): together rather than one after the other.
        const indexed = writer.prepareSwap();
        indexed.catch(() => undefined);
        const ranks = readSnapshotRanks(this.connection, writer.projectId, writer.generation);
        await indexed;
        return readPreparedSearch(this.connection, writer.generation, ranks);
      }
      case 'commit':
        return this.current().commit(request.project, request.startedAt, request.changes, request.finishedAt);
      case 'abort':
        await this.current().abandon();
        return null;
      case 'basis':
        return readResyncBasis(this.connection, request.projectId);
      case 'times':
        return readKeyTimes(request.page);
      case 'settle':
        return null;
    }
  }

  /** After a commit or an abort has been answered: the other generation goes, a small transaction at a time. */
  public async tidyUp(request: SnapshotRequest): Promise<void> {
    if (request.type !== 'commit' && request.type !== 'abort') return;
    const writer = this.writer;
    this.writer = null;
    await writer?.tidyUpInSteps(keysPerRemovalStep, () => nextTurn());
    this.connection.exec('PRAGMA wal_checkpoint(PASSIVE)');
  }

  public close(): void {
    void this.search?.then((writer) => writer.close());
    this.connection.close();
  }

  private current(): SnapshotWriter {
    if (this.writer === null) throw new Error('no snapshot is open on the writing thread');
    return this.writer;
  }

  /**
   * Starts the indexing thread now, in the background, so the first snapshot's 'open' finds it running: this thread is
   * started when a sync begins, and the indexing thread's own start (about 70 ms measured) then overlaps the sync's
   * first requests instead of following them.
   */
  public prepareIndexing(): void {
    void this.indexWriter();
  }

  /**
   * The index writer, started once and again if its thread stopped. Requests are handled one at a time, so the only
   * start that can be under way is prepareIndexing's, and it is shared.
   */
  private async indexWriter(): Promise<SearchIndexWriter> {
    const running = await this.search;
    return running?.usable === true ? running : this.startIndexWriter();
  }

  private startIndexWriter(): Promise<SearchIndexWriter> {
    const starting = WorkerSearchIndexWriter.start(searchIndexPath(this.data.folder), new URL(this.data.indexScript)).catch((error: unknown): SearchIndexWriter => {
      this.logger.warn('search indexing runs on the writing thread: no indexing thread could start', { error: error instanceof Error ? error.message : String(error) });
      return new InlineSearchIndexWriter(this.connection);
    });
    this.search = starting;
    return starting;
  }
}

/** Opens the library and answers the store's requests on `port`, one after another, until told to close. */
function serve(port: MessagePort, data: SnapshotWorkerData): void {
  const reply = (message: SnapshotReply): void => port.postMessage(message);
  let thread: WritingThread;
  try {
    thread = new WritingThread(openLibrary(data.folder), data, forwardingLogger(port));
  } catch (error) {
    reply({ type: 'unavailable', message: failureOf(error).message });
    return;
  }
  thread.prepareIndexing();
  let queue = Promise.resolve();
  port.on('message', (request: SnapshotRequest | { type: 'close' }) => {
    if (request.type === 'close') {
      queue = queue.then(() => {
        thread.close();
        process.exit(0);
      });
      return;
    }
    queue = queue.then(async () => {
      try {
        const value = await thread.handle(request);
        // The search arrays of a prepared snapshot move to main rather than being copied.
        const transfer = request.type === 'prepare' ? preparedBuffers(value as SnapshotAnswers['prepare']) : request.type === 'times' ? timesBuffers(value as KeyTimes) : [];
        port.postMessage({ type: 'done', sequence: request.sequence, value } satisfies SnapshotReply, transfer);
      } catch (error) {
        reply({ type: 'failed', sequence: request.sequence, failure: failureOf(error) });
        return;
      }
      try {
        await thread.tidyUp(request);
      } catch (error) {
        // The old rows stay behind for the next snapshot of the project (or the next start) to remove.
        reply({ type: 'log', level: 'warn', message: 'the previous snapshot could not be removed yet', fields: { error: failureOf(error).message } });
      }
    });
  });
  reply({ type: 'ready' });
}

if (!isMainThread && parentPort !== null) serve(parentPort, workerData as SnapshotWorkerData);
