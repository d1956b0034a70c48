/**
 * The main thread's side of the library's writing thread (snapshot-worker.ts): starts it, sends it typed requests
 * and turns its answers back into values and errors, and hands the sync engine a `SnapshotWriting` whose every call
 * is a message. Main's own connection only reads while a sync writes, so nothing a sync does stalls main's event loop
 * (issue 17): the rows, the list orders, the swap and the removal of the old snapshot all happen on the thread.
 *
 * Errors come back as data and are rebuilt so the store treats them as before: SQLite's damage codes still make a
 * call answer `store.corrupt` (and reach the library keeper), a LocdeskError keeps its code. If the thread stops,
 * every call waiting on it fails with `store.unavailable`, and the store starts a new one for the next sync.
 */
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../../common/errors';
import { LocdeskError } from '../errors';
import type { Logger } from '../log';
import { workerScript } from '../worker-script';
import { indexWorkerScript } from './search-index-writer';
import type { KeyPageInput } from '../lokalise/types';
import type { PreparedSearch } from './search-handover';
import type { SnapshotAnswers, SnapshotFailure, SnapshotReply, SnapshotRequests, SnapshotRequestType, SnapshotWorkerData } from './snapshot-protocol';
import type { SnapshotWriting } from './snapshot-writer';

/** The error a failure reported by the thread stands for (see the module comment). */
export function rebuiltError(failure: SnapshotFailure): Error {
  if (failure.locdeskCode !== null) return new LocdeskError(failure.locdeskCode as ErrorCode, failure.message);
  return Object.assign(new Error(failure.message), failure.sqliteCode === null ? {} : { code: failure.sqliteCode });
}

function stoppedError(): LocdeskError {
  return new LocdeskError('store.unavailable', 'The offline library stopped writing (its writing thread ended). Sync again.');
}

/**
 * Main's side of a swap (search-handover.ts): `hold` as the thread is asked to prepare it, `adopt` with what it
 * prepared, `release` once the commit is answered or has failed.
 */
export interface SearchHandover {
  hold(): void;
  adopt(prepared: PreparedSearch): void;
  release(): void;
}

interface Waiting {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** The buffer of a page's bytes when they fill one of their own (as the client reads them), to transfer it; else none. */
export function ownBuffer(page: KeyPageInput): ArrayBuffer[] {
  if (!('unparsed' in page) || typeof page.unparsed === 'string') return [];
  const { buffer, byteOffset, byteLength } = page.unparsed;
  return buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength ? [buffer] : [];
}

/**
 * The writing thread parses a 2.5 MB page of keys at a time into short-lived objects; V8's default young generation
 * lets tens of MB of them pile up between scavenges. A smaller one collects them sooner: on a sync of 100,000 keys ×
 * 10 languages the syncing process peaked at 218–235 MB instead of 238–241 MB, at the same speed within this
 * machine's noise (issue 17: peak RSS ≤ 250 MB with the worker included).
 */
const writingThreadLimits = { maxYoungGenerationSizeMb: 8 } as const;

/** The writing thread of one library. Create with `SnapshotThread.start`. */
export class SnapshotThread {
  private sent = 0;
  private stopped = false;
  private readonly waiting = new Map<number, Waiting>();

  private constructor(
    private readonly worker: Worker,
    private readonly logger: Logger,
  ) {
    worker.on('message', (reply: SnapshotReply) => this.onReply(reply));
    worker.on('error', (error: Error) => {
      this.logger.warn('the library writing thread failed', { error: error.message });
      this.stop();
    });
    worker.on('exit', () => this.stop());
  }

  /** Starts the thread for the library in `folder`; rejects when it cannot be found, started, or open the file. */
  public static async start(folder: string, logger: Logger): Promise<SnapshotThread> {
    const [script, indexScript] = await Promise.all([workerScript('store/snapshot-worker'), indexWorkerScript()]);
    const workerData: SnapshotWorkerData = { folder, indexScript: indexScript.href };
    const worker = new Worker(script, { workerData, resourceLimits: writingThreadLimits });
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      worker.once('error', onError);
      worker.once('message', (reply: SnapshotReply) => {
        worker.off('error', onError);
        if (reply.type === 'ready') resolve(new SnapshotThread(worker, logger));
        else {
          void worker.terminate();
          reject(new Error(reply.type === 'unavailable' ? reply.message : 'unexpected reply'));
        }
      });
    });
  }

  /** False once the thread has stopped; the store then starts a new one. */
  public get usable(): boolean {
    return !this.stopped;
  }

  /** Sends one request and resolves with its typed answer; `transfer` names buffers that move with it (then unusable here). */
  public call<T extends SnapshotRequestType>(type: T, fields: SnapshotRequests[T], transfer: readonly ArrayBuffer[] = []): Promise<SnapshotAnswers[T]> {
    if (this.stopped) return Promise.reject(stoppedError());
    this.sent += 1;
    const sequence = this.sent;
    return new Promise<SnapshotAnswers[T]>((resolve, reject) => {
      this.waiting.set(sequence, { resolve: (value) => resolve(value as SnapshotAnswers[T]), reject });
      this.worker.postMessage({ ...fields, type, sequence }, [...transfer]);
    });
  }

  /**
   * The next snapshot of `projectId`, written on the thread; its finishing time comes from `now` (the store's clock);
   * `onEnd` runs once it is committed or thrown away. Its commit first has the thread prepare the swap and hands
   * the new snapshot's search arrays to `handover` before the swap is asked for (see search-handover.ts).
   */
  public async open(projectId: string, expectedKeys: number, now: () => number, onEnd: () => void, handover: SearchHandover): Promise<SnapshotWriting> {
    await this.call('open', { projectId, expectedKeys });
    return Object.freeze({
      writeLanguages: async (languages) => {
        await this.call('languages', { languages });
      },
      // A page's bytes move to the thread, which decodes them: main neither decodes nor copies them (issue 17).
      writeKeys: (page) => this.call('keys', { page }, ownBuffer(page)),
      carryForward: async (dropKeyIds) => {
        await this.call('carry', { dropKeyIds });
      },
      // The sync's finishing time is taken here, on the store's clock, when the swap is asked for.
      commit: async (project, startedAt, changes = null) => {
        const finishedAt = now();
        handover.hold();
        try {
          handover.adopt(await this.call('prepare', {}));
          return await this.call('commit', { project, startedAt, changes, finishedAt });
        } finally {
          handover.release();
          onEnd();
        }
      },
      abort: async () => {
        await this.call('abort', {}).finally(onEnd);
      },
    } satisfies SnapshotWriting);
  }

  /** Stops the thread once it has done what it was given (an old snapshot's removal included, within 5 s). */
  public async close(): Promise<void> {
    if (this.stopped) return;
    this.worker.postMessage({ type: 'close' });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 5000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.stop();
  }

  private onReply(reply: SnapshotReply): void {
    if (reply.type === 'log') {
      this.logger[reply.level](reply.message, reply.fields);
      return;
    }
    if (reply.type !== 'done' && reply.type !== 'failed') return;
    const waiting = this.waiting.get(reply.sequence);
    this.waiting.delete(reply.sequence);
    if (reply.type === 'done') waiting?.resolve(reply.value);
    else waiting?.reject(rebuiltError(reply.failure));
  }

  private stop(): void {
    this.stopped = true;
    for (const waiting of this.waiting.values()) waiting.reject(stoppedError());
    this.waiting.clear();
  }
}
