/**
 * The indexing thread: a worker with its own connection to `search.sqlite`, so tokenizing a page of translations
 * overlaps with storing the next page on the main thread (see search-index-writer.ts, which drives it, and
 * search-index-protocol.ts for the messages).
 *
 * This file is the worker's entry. The main build bundles it into out/main/search-index-worker.js beside the app's
 * own bundle; tests and the bench run it from the same source, bundled on demand (see worker-script.ts). It runs only
 * as a worker and does nothing when imported anywhere else.
 */
import Database from 'libsql';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Connection, Statement } from './connection';
import type { IndexReply, IndexRequest, IndexWorkerData } from './search-index-protocol';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Opens the index file for loading: WAL beside the library's readers, and the load's FTS5 settings. */
function openIndex(data: IndexWorkerData): Connection {
  const connection = new Database(data.path);
  try {
    connection.exec('PRAGMA journal_mode = WAL');
    connection.exec('PRAGMA synchronous = NORMAL');
    connection.exec('PRAGMA busy_timeout = 5000');
    // Merge up to 16 segments of a level at a time when tidying, and let a load's batch grow to `pendingBytes` of
    // pending index data before FTS5 writes it out as a segment (the default, 1 MB, cut every page into a segment).
    connection.exec("INSERT INTO key_words (key_words, rank) VALUES ('usermerge', 16)");
    connection.exec(`INSERT INTO key_words (key_words, rank) VALUES ('hashsize', ${Math.trunc(data.pendingBytes)})`);
    return connection;
  } catch (error) {
    connection.close();
    throw error;
  }
}

/** One load at a time, in the order the writer sends its requests; and the tidying after it. */
class IndexThread {
  private readonly insert: Statement;
  private readonly remove: Statement;
  private readonly changes: Statement;
  private tidying = false;
  /** Batches added since the last commit: a load commits every few batches, so it writes few, large segments. */
  private uncommitted = 0;

  public constructor(
    private readonly connection: Connection,
    private readonly data: IndexWorkerData,
  ) {
    this.insert = connection.prepare('INSERT INTO key_words (rowid, body) VALUES (?, ?)');
    this.remove = connection.prepare('DELETE FROM key_words WHERE rowid = ?');
    this.changes = connection.prepare('SELECT total_changes()').raw(true);
  }

  /** Carries out one request; throws when SQLite refuses it. */
  public handle(request: IndexRequest): void {
    switch (request.type) {
      case 'load':
        // A bulk load: no merging while it runs, and any tidying of the last one waits.
        this.tidying = false;
        this.setting('automerge', 0);
        this.setting('crisismerge', request.segments);
        return;
      case 'add':
        if (!this.connection.inTransaction) this.connection.exec('BEGIN');
        request.ids.forEach((id, index) => this.insert.run(id, request.bodies[index]));
        this.uncommitted += 1;
        if (this.uncommitted >= this.data.batchesPerCommit) this.commitLoad();
        return;
      case 'remove':
        if (!this.connection.inTransaction) this.connection.exec('BEGIN');
        for (const id of request.ids) this.remove.run(id);
        return;
      case 'loaded':
        this.commitLoad();
        // The term list must name every word of the new snapshot before it is swapped in (see refreshTerms).
        this.connection.exec('BEGIN');
        for (const sql of this.data.termRefresh) this.connection.exec(sql);
        this.connection.exec('COMMIT');
        // Merging stays off until tidying is done: turned on now, the purge of the old snapshot (on the main thread)
        // would set off a merge of every new segment there.
        return;
      case 'tidy':
        if (!this.tidying) {
          this.tidying = true;
          setImmediate(() => this.tidyStep());
        }
        return;
      case 'close':
        this.close();
    }
  }

  /** After a failed request: whatever this load had not committed is lost with it (the flush reports the failure). */
  public recover(): void {
    if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
    this.uncommitted = 0;
  }

  private close(): void {
    this.tidying = false;
    if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
    this.connection.close();
    process.exit(0);
  }

  /** Sets an FTS5 option; written into the SQL, since FTS5 wants an integer and a bound JavaScript number is a real. */
  private setting(name: 'automerge' | 'crisismerge', value: number): void {
    this.connection.exec(`INSERT INTO key_words (key_words, rank) VALUES ('${name}', ${Math.trunc(value)})`);
  }

  private commitLoad(): void {
    if (!this.connection.inTransaction) return;
    this.uncommitted = 0;
    this.connection.exec('COMMIT');
  }

  private totalChanges(): number {
    const row = this.changes.get() as [number];
    return row[0];
  }

  /** One bounded merge step per turn of the event loop, so requests (a new load, close) are handled between steps. */
  private tidyStep(): void {
    if (!this.tidying) return;
    try {
      const before = this.totalChanges();
      this.connection.exec("INSERT INTO key_words (key_words, rank) VALUES ('merge', 256)");
      // FTS5 writes at least two rows when a merge step did any work; when none is left, normal merging resumes.
      if (this.totalChanges() - before < 2) {
        this.tidying = false;
        this.setting('automerge', 4);
        this.setting('crisismerge', 16);
      }
    } catch {
      this.tidying = false;
    }
    if (this.tidying) setImmediate(() => this.tidyStep());
  }
}

/** Opens the index and answers the writer's requests on `port` until it says close. */
function serve(port: MessagePort, data: IndexWorkerData): void {
  const reply = (message: IndexReply): void => port.postMessage(message);
  let thread: IndexThread;
  try {
    thread = new IndexThread(openIndex(data), data);
  } catch (error) {
    reply({ type: 'unavailable', message: messageOf(error) });
    return;
  }
  port.on('message', (request: IndexRequest) => {
    try {
      thread.handle(request);
      reply({ type: 'done', sequence: request.sequence });
    } catch (error) {
      thread.recover();
      reply({ type: 'failed', sequence: request.sequence, message: messageOf(error) });
    }
  });
  reply({ type: 'ready' });
}

if (!isMainThread && parentPort !== null) serve(parentPort, workerData as IndexWorkerData);
