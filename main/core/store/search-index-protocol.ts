/**
 * The messages between the indexing thread (search-index-worker.ts) and the writer that drives it
 * (search-index-writer.ts), in one place so both sides are type-checked against the same shapes.
 *
 * Types only, on purpose: the worker is bundled into a file of its own (out/main/search-index-worker.js), and a value
 * shared with the main bundle would make the bundler split it into a third file both must load. What the worker needs
 * to know at start (the file, the load settings, the term-list statements) travels in `IndexWorkerData` instead.
 */

/** What the writer hands the thread at start (`workerData`). */
export interface IndexWorkerData {
  /** The index file (`search.sqlite`). */
  readonly path: string;
  /** FTS5 `hashsize`: how much pending index data a load may gather before it writes a segment. */
  readonly pendingBytes: number;
  /** A load commits once every this many batches. */
  readonly batchesPerCommit: number;
  /** The statements that rebuild the term list on the thread's own connection (see search-index.ts). */
  readonly termRefresh: readonly string[];
}

/** Numbers each request, so the writer can tell which of its requests are done. */
interface Sequenced {
  readonly sequence: number;
}

/** A request from the writer to the thread. */
export type IndexRequest =
  /** Starts a bulk load: merging off, with room for `segments` level-0 segments before a forced merge. */
  | (Sequenced & { readonly type: 'load'; readonly segments: number })
  /** Index one document per key row id. */
  | (Sequenced & { readonly type: 'add'; readonly ids: readonly number[]; readonly bodies: readonly string[] })
  /** Drop the documents of key rows `ids` (added earlier in this load: a key listed twice keeps its later copy). */
  | (Sequenced & { readonly type: 'remove'; readonly ids: readonly number[] })
  /** The load is complete: commit it and rebuild the term list. */
  | (Sequenced & { readonly type: 'loaded' })
  /** Merge the load's segments, a step at a time, in the background. */
  | (Sequenced & { readonly type: 'tidy' })
  /** Roll back what is uncommitted, close the file and exit. */
  | (Sequenced & { readonly type: 'close' });

/** An answer from the thread. */
export type IndexReply =
  | { readonly type: 'ready' }
  | { readonly type: 'unavailable'; readonly message: string }
  | { readonly type: 'done'; readonly sequence: number }
  | { readonly type: 'failed'; readonly sequence: number; readonly message: string };
