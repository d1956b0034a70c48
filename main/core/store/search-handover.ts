/**
 * What a sync hands main's connection for searching its new snapshot, so that the first search after the swap does
 * no work main's event loop would wait for (issue 17): the rank arrays of search-ranks.ts (about 0.6 s to build at
 * 100,000 keys) and the index's word list of search-vocabulary.ts (about 0.4 s to read).
 *
 * The writing thread reads the rank arrays once the new snapshot's list orders are written (while the indexing
 * thread commits its last batches) and the word list once its index is loaded, before the swap (the `prepare`
 * request of snapshot-protocol.ts), and answers with them as typed arrays whose buffers are
 * transferred, not copied. Main adopts them under the new generation, and only then asks for the swap: so no search
 * can see the new snapshot before its arrays are there. Between the index's last load and that answer main keeps its
 * copy of the word list instead of reading the new one (`holdWordList`).
 */
import type { Connection } from './connection';
import { adoptRanks, rankBuffers, type SnapshotRanks } from './search-ranks';
import { adoptWordList, holdWordList, readWordList, type WordList } from './search-vocabulary';

/** A new snapshot's search arrays, as they travel from the writing thread to main. */
export interface PreparedSearch {
  /** The generation they belong to (the one the swap will make current). */
  readonly generation: number;
  readonly ranks: SnapshotRanks;
  readonly words: WordList;
}

/**
 * The search arrays of generation `generation`: its rank arrays (`ranks`, read with readSnapshotRanks once its orders
 * were written) and the index's word list, read here (its index loaded).
 */
export function readPreparedSearch(connection: Connection, generation: number, ranks: SnapshotRanks): PreparedSearch {
  return { generation, ranks, words: readWordList(connection) };
}

/** The buffers of `prepared`, for postMessage's transfer list. */
export function preparedBuffers(prepared: PreparedSearch): ArrayBuffer[] {
  return [...rankBuffers(prepared.ranks), prepared.words.bytes.buffer as ArrayBuffer];
}

/** Keeps `prepared` on `connection` for the project's next snapshot, and lets its word list be read again. */
export function adoptPreparedSearch(connection: Connection, projectId: string, prepared: PreparedSearch): void {
  adoptRanks(connection, projectId, prepared.generation, prepared.ranks);
  adoptWordList(connection, prepared.words);
  holdWordList(connection, false);
}

/** Keeps `connection`'s word list as it is until adoptPreparedSearch or `releaseWordList` (see the module comment). */
export function holdSearchWords(connection: Connection): void {
  holdWordList(connection, true);
}

/** Ends holdSearchWords without a handover (the sync failed or was cancelled). */
export function releaseSearchWords(connection: Connection): void {
  holdWordList(connection, false);
}
