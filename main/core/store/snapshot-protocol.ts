/**
 * The messages between the library's writing thread (snapshot-worker.ts) and the store on the main thread that
 * drives it (snapshot-thread.ts), in one place so both sides are type-checked against the same shapes: every request
 * names the answer it gets (`SnapshotAnswers`), so a call stays typed from the sync engine to the thread and back.
 *
 * Types only, on purpose (see search-index-protocol.ts): the worker is bundled into a file of its own, and a value
 * shared with the main bundle would make the bundler split it into a third file both must load.
 */
import type { KeyPageInput, KeyTimes, LokaliseLanguage, LokaliseProject } from '../lokalise/types';
import type { ResyncBasis } from './resync-basis';
import type { PreparedSearch } from './search-handover';
import type { SyncChanges } from './snapshot-carry';
import type { PageCounts, SnapshotCounts } from './snapshot-writer';

/** What the store hands the thread at start (`workerData`). */
export interface SnapshotWorkerData {
  /** The data folder: the thread opens `library.sqlite` there, with the search index attached. */
  readonly folder: string;
  /** The file to start the search indexing thread from (resolved by the main thread: see worker-script.ts). */
  readonly indexScript: string;
}

/** The requests, each with the fields it carries. */
export interface SnapshotRequests {
  /** Starts the next snapshot of `projectId` (clearing leftovers of an unfinished one). */
  readonly open: { readonly projectId: string; readonly expectedKeys: number };
  readonly languages: { readonly languages: readonly LokaliseLanguage[] };
  /** A page of keys, usually still Lokalise's text: the thread parses it, so main never does (see UnparsedKeyPage). */
  readonly keys: { readonly page: KeyPageInput };
  readonly carry: { readonly dropKeyIds: readonly number[] };
  /**
   * Everything of a commit but the swap (list orders, the index's last load), answered with the new snapshot's
   * search arrays, transferred, which main adopts before it asks for the swap (see search-handover.ts).
   */
  readonly prepare: Record<string, never>;
  /** Swaps the snapshot in; the previous one is removed afterwards, in small steps, before the next request. */
  readonly commit: { readonly project: LokaliseProject; readonly startedAt: number; readonly changes: SyncChanges | null; readonly finishedAt: number };
  readonly abort: Record<string, never>;
  /** Reads what a resync of `projectId` compares the server's listing with. */
  readonly basis: { readonly projectId: string };
  /** Reads a page of a resync's listing (usually its bytes, transferred) down to its keys' ids and times. */
  readonly times: { readonly page: KeyPageInput };
  /** Answers once everything sent before it is done, an old snapshot's removal included. */
  readonly settle: Record<string, never>;
}

/** What each request answers. */
export interface SnapshotAnswers {
  readonly open: null;
  readonly languages: null;
  readonly keys: PageCounts;
  readonly carry: null;
  readonly prepare: PreparedSearch;
  readonly commit: SnapshotCounts;
  readonly abort: null;
  readonly basis: ResyncBasis | null;
  readonly times: KeyTimes;
  readonly settle: null;
}

/** A request's name. */
export type SnapshotRequestType = keyof SnapshotRequests;

/** A request as it travels: its name, its fields and a sequence number its answer carries back. */
export type SnapshotRequest = {
  readonly [T in SnapshotRequestType]: { readonly type: T; readonly sequence: number } & SnapshotRequests[T];
}[SnapshotRequestType];

/** A failure as it travels: enough to rebuild an error the store's damage handling and the sync's messages read. */
export interface SnapshotFailure {
  readonly message: string;
  /** SQLite's code (`SQLITE_CORRUPT`…) for a database error, which is how damage is recognised. */
  readonly sqliteCode: string | null;
  /** The LocdeskError code when the thread raised one itself (an indexing failure). */
  readonly locdeskCode: string | null;
}

/** An answer from the thread. */
export type SnapshotReply =
  | { readonly type: 'ready' }
  | { readonly type: 'unavailable'; readonly message: string }
  | { readonly type: 'done'; readonly sequence: number; readonly value: unknown }
  | { readonly type: 'failed'; readonly sequence: number; readonly failure: SnapshotFailure }
  /** A line for the store's logger (a key listed twice, an old snapshot that could not be removed yet). */
  | { readonly type: 'log'; readonly level: 'warn' | 'error'; readonly message: string; readonly fields: Record<string, unknown> };
