/**
 * Reads a snapshot's search arrays (search-ranks.ts) on a thread, for a snapshot no sync handed over: after a start
 * they took 250–340 ms to build at 100,000 keys, on main, on the first search (issue 17, "main never blocks"). The
 * thread is the QA scan worker's entry in its `ranks` mode, as the facets thread is in its `facets` mode (so the
 * builds that put each worker file beside its bundle need no new entry): it opens the library read-only, reads the
 * arrays in one read transaction (one consistent snapshot while a sync writes), hands them over by transfer (no
 * copy), and ends.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script';
import { threadError } from './facets-thread';
import type { SnapshotRanks } from './search-ranks';

/** What a ranks thread is handed at start. */
export interface RanksData {
  readonly job: 'ranks';
  readonly libraryPath: string;
  readonly projectId: string;
  readonly generation: number;
}

/** A ranks thread's one answer: the arrays, or the SQLite error's message and code. */
export type RanksReply = { readonly type: 'ranks'; readonly ranks: SnapshotRanks } | { readonly type: 'failed'; readonly message: string; readonly code: string | null };

/**
 * The arrays of the project's snapshot `generation`, read on a thread. Rejects with the thread's SQLite error
 * (rebuilt as main would have met it); resolves null when no thread could run or it stopped without an answer.
 */
export async function ranksOnThread(data: RanksData): Promise<SnapshotRanks | null> {
  let script: URL;
  try {
    script = await workerScript('store/qa-scan-worker');
  } catch {
    return null;
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: data });
    // The thread answers once; settling twice is harmless, so each event below only says what it knows.
    worker.on('message', (reply: RanksReply) => {
      if (reply.type === 'ranks') resolve(reply.ranks);
      else reject(threadError(reply.message, reply.code));
    });
    worker.on('error', () => resolve(null));
    worker.on('exit', () => resolve(null));
  });
}
