/**
 * Runs a QA scan of one project snapshot on worker threads (qa-scan-worker.ts), so the main thread only hands out
 * work and counts: the key rows are cut into ranges, and each thread asks for the next range when it has stored
 * the last one, so a thread slowed down by the machine's other work takes fewer. Cancelling stops handing out
 * ranges; each thread finishes the range it holds (a fraction of a second) and exits.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script';
import type { QaReply, QaRequest, QaWorkerData } from './qa-scan-protocol';

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
  /** The first and last key row id of the snapshot (inclusive). */
  readonly firstRow: number;
  readonly lastRow: number;
  /** Keys in the snapshot, for progress. */
  readonly total: number;
  /** Worker threads to start (at least one). */
  readonly threads: number;
  /** Key row ids per range. */
  readonly rangeSize: number;
  /** Called after each stored range with the keys checked so far. */
  readonly onProgress: (done: number) => void;
}

/** Starts the scan described by `job`. */
export function startQaScan(job: QaScanJob): QaScanRun {
  const tasks: QaRequest[] = [{ type: 'cleanup' }];
  for (let from = job.firstRow; from <= job.lastRow; from += job.rangeSize) tasks.push({ type: 'range', from, to: Math.min(from + job.rangeSize, job.lastRow + 1) });
  // Mutated by the threads' handlers; an object, so reads after an await see what the handlers set.
  const state: { cancelled: boolean; failure: QaScanFailure | null; done: number } = { cancelled: false, failure: null, done: 0 };

  const finished = (async (): Promise<QaScanOutcome> => {
    const script = await workerScript('store/qa-scan-worker');
    const exits: Promise<void>[] = [];
    const threads = Math.max(1, Math.min(job.threads, tasks.length));
    for (let index = 0; index < threads; index += 1) {
      const worker = new Worker(script, { workerData: job.data });
      const send = (request: QaRequest): void => worker.postMessage(request);
      const next = (): void => {
        const task = state.cancelled || state.failure !== null ? undefined : tasks.shift();
        send(task ?? { type: 'close' });
      };
      exits.push(
        new Promise<void>((resolve) => {
          worker.on('message', (reply: QaReply) => {
            if (reply.type === 'failed') {
              state.failure ??= new QaScanFailure(reply.message, reply.damaged);
              send({ type: 'close' });
              return;
            }
            if (reply.type === 'done' && reply.keys > 0) {
              state.done += reply.keys;
              job.onProgress(state.done);
            }
            next();
          });
          worker.on('error', (error: Error) => {
            state.failure ??= new QaScanFailure(error.message, false);
          });
          worker.on('exit', () => resolve());
        }),
      );
    }
    await Promise.all(exits);
    if (state.failure !== null) throw state.failure;
    // A thread that died without saying why (its exit before the work was handed out) is a failure too.
    if (!state.cancelled && tasks.length > 0) throw new QaScanFailure('A QA scan thread stopped before the scan was complete.', false);
    return state.cancelled ? 'cancelled' : 'done';
  })();
  return {
    finished,
    cancel: () => {
      state.cancelled = true;
    },
  };
}
