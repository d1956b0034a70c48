/**
 * The messages between a QA scan thread (qa-scan-worker.ts) and the pool that drives it (qa-scan-pool.ts), in one
 * place so both sides are type-checked against the same shapes. Types only, for the reason search-index-protocol.ts
 * gives: what the thread needs at start travels in `QaWorkerData`.
 */
import type { QaCounts } from '../../../common/contract-qa';
import type { QaSettings } from '../../../common/qa';
import type { PendingTranslation, QaProjectFacts } from './qa-inputs';

/** What the pool hands each thread at start (`workerData`). */
export interface QaWorkerData {
  /** The library file, opened read-only. */
  readonly libraryPath: string;
  /** The results file the thread writes its batches to. */
  readonly qaPath: string;
  readonly projectId: string;
  /** The snapshot being scanned. */
  readonly generation: number;
  readonly facts: QaProjectFacts;
  readonly settings: QaSettings;
  /** Translations waiting to be pushed, checked instead of the stored ones. */
  readonly pending: readonly PendingTranslation[];
}

/**
 * What a counting thread is handed at start: it counts one project's stored results in `isos` (every language when
 * empty) as `qaCounts` does, answers once and exits. The same entry file as a scan thread, so the builds that put
 * each worker file beside its bundle need no new entry.
 */
export interface QaCountsData {
  readonly job: 'counts';
  readonly libraryPath: string;
  readonly qaPath: string;
  readonly projectId: string;
  readonly generation: number;
  readonly isos: readonly string[];
}

/** A request from the pool. */
export type QaRequest =
  /**
   * Answer the snapshot's first and last key row id and its key count, so the pool can cut ranges. A thread reads
   * them rather than the main thread: counting a hundred thousand key rows is a stall of 10–25 ms there.
   */
  | { readonly type: 'bounds' }
  /** Check the keys with row ids in [from, to) and replace their stored results. */
  | { readonly type: 'range'; readonly from: number; readonly to: number }
  /** Delete the project's results of other generations (keys a newer snapshot replaced). */
  | { readonly type: 'cleanup' }
  /** Close the files and exit. */
  | { readonly type: 'close' };

/** An answer from a thread. */
export type QaReply =
  | { readonly type: 'ready' }
  /** The snapshot's key rows are ids `firstRow`..`lastRow` (inclusive; none when last < first), `total` keys. */
  | { readonly type: 'bounds'; readonly firstRow: number; readonly lastRow: number; readonly total: number }
  /** A range or the cleanup is stored; `keys` is how many keys the range held. */
  | { readonly type: 'done'; readonly keys: number }
  /** A counting thread's answer (see `QaCountsData`). */
  | { readonly type: 'counts'; readonly counts: QaCounts }
  /** The thread could not open a file or store a batch; `damaged` when SQLite says the results file is damaged. */
  | { readonly type: 'failed'; readonly message: string; readonly damaged: boolean };
