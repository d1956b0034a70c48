/**
 * Runs a QA scan of one project snapshot on worker threads (qa-scan-worker.ts), so the main thread only hands out
 * work and counts: the key rows are cut into ranges, and each thread asks for the next range when it has stored
 * the last one, so a thread slowed down by the machine's other work takes fewer. Cancelling stops handing out
 * ranges; each thread finishes the range it holds (a fraction of a second) and exits.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script';
import type { QaCounts } from '../../../common/contract-qa';
import type { QaCountsData, QaReply, QaRequest, QaWorkerData } from './qa-scan-protocol';

/** How a scan ended when it did not fail. */
export type QaScanOutcome = 'done' | 'cancelled';

/** A running scan. */
export interface QaScanRun {
  /** Resolves when every thread has exited; rejects with a `QaScanFailure` when one could not do its work. */
  readonly finished: Promise<QaScanOutcome>;
  /** Stops handing out ranges; `finished` then resolves `cancelled`. */
  cancel(): void;
}

/** A scan thread's failure; `damaged` when SQLite said the results file is damaged. */
export class QaScanFailure extends Error {
  public constructor(
    message: string,
    public readonly damaged: boolean,
  ) {
    super(message);
    this.name = 'QaScanFailure';
  }
}

/** What a scan covers and how it reports. */
export interface QaScanJob {
  readonly data: QaWorkerData;
  /** Worker threads to start (at least one). */
  readonly threads: number;
  /** Key row ids per range. */
  readonly rangeSize: number;
  /**
   * Called with the snapshot's key count once a thread has read it (done 0), then after each stored range with the
   * keys checked so far.
   */
  readonly onProgress: (done: number, total: number) => void;
}

/** Starts the scan described by `job`. */
export function startQaScan(job: QaScanJob): QaScanRun {
  // The first thread reads the snapshot's bounds (off the main thread), the second clears old results meanwhile; the
  // ranges are cut once the bounds are known, and a thread with nothing to do until then waits for them.
  const tasks: QaRequest[] = [{ type: 'bounds' }, { type: 'cleanup' }];
  const waiting: (() => void)[] = [];
  // Mutated by the threads' handlers; an object, so reads after an await see what the handlers set.
  const state: { cancelled: boolean; failure: QaScanFailure | null; done: number; total: number | null } = { cancelled: false, failure: null, done: 0, total: null };
  const cutRanges = (firstRow: number, lastRow: number, total: number): void => {
    for (let from = firstRow; from <= lastRow; from += job.rangeSize) tasks.push({ type: 'range', from, to: Math.min(from + job.rangeSize, lastRow + 1) });
    state.total = total;
    job.onProgress(0, total);
    for (const resume of waiting.splice(0)) resume();
  };

  const finished = (async (): Promise<QaScanOutcome> => {
    const script = await workerScript('store/qa-scan-worker');
    const exits: Promise<void>[] = [];
    for (let index = 0; index < Math.max(1, job.threads); index += 1) {
      const worker = new Worker(script, { workerData: job.data });
      const send = (request: QaRequest): void => worker.postMessage(request);
      const next = (): void => {
        const stopping = state.cancelled || state.failure !== null;
        const task = stopping ? undefined : tasks.shift();
        if (task === undefined && !stopping && state.total === null) waiting.push(next);
        else send(task ?? { type: 'close' });
      };
      exits.push(
        new Promise<void>((resolve) => {
          worker.on('message', (reply: QaReply) => {
            if (reply.type === 'failed') {
              state.failure ??= new QaScanFailure(reply.message, reply.damaged);
              send({ type: 'close' });
              for (const resume of waiting.splice(0)) resume();
              return;
            }
            if (reply.type === 'bounds') cutRanges(reply.firstRow, reply.lastRow, reply.total);
            if (reply.type === 'done' && reply.keys > 0) {
              state.done += reply.keys;
              job.onProgress(state.done, state.total ?? 0);
            }
            next();
          });
          worker.on('error', (error: Error) => {
            state.failure ??= new QaScanFailure(error.message, false);
            for (const resume of waiting.splice(0)) resume();
          });
          worker.on('exit', () => {
            // A thread gone before the bounds came cannot read them any more: the threads waiting for them stop.
            if (state.total === null) {
              state.failure ??= new QaScanFailure('A QA scan thread stopped before the scan was complete.', false);
              for (const resume of waiting.splice(0)) resume();
            }
            resolve();
          });
        }),
      );
    }
    await Promise.all(exits);
    if (state.failure !== null) throw state.failure;
    // A thread that died without saying why (its exit before the work was handed out) is a failure too.
    if (!state.cancelled && (tasks.length > 0 || state.total === null)) throw new QaScanFailure('A QA scan thread stopped before the scan was complete.', false);
    return state.cancelled ? 'cancelled' : 'done';
  })();
  return {
    finished,
    cancel: () => {
      state.cancelled = true;
      for (const resume of waiting.splice(0)) resume();
    },
  };
}

/**
 * Counts a project's stored results on a thread of its own (see `QaCountsData`). At 100,000 keys in ten languages
 * the count reads ~170,000 result rows joined with their keys: 0.3–2 s of SQLite and JavaScript that froze the
 * window when it ran on the main thread. Rejects with a `QaScanFailure` when the thread cannot count.
 */
export async function countOnThread(data: QaCountsData): Promise<QaCounts> {
  const script = await workerScript('store/qa-scan-worker');
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: data });
    // The thread answers once; settling twice is harmless, so each event below only says what it knows.
    worker.on('message', (reply: QaReply) => {
      if (reply.type === 'counts') resolve(reply.counts);
      if (reply.type === 'failed') reject(new QaScanFailure(reply.message, reply.damaged));
    });
    worker.on('error', (error: Error) => reject(new QaScanFailure(error.message, false)));
    worker.on('exit', () => reject(new QaScanFailure('A QA counting thread stopped without an answer.', false)));
  });
}
