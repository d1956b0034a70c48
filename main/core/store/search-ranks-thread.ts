/**
 * Reads a snapshot's search arrays (search-ranks.ts) and the index's word list (search-vocabulary.ts) on a thread,
 * for a snapshot no sync handed over: after a start main built the arrays (250–340 ms at 100,000 keys) and read the
 * list (65 ms and more) on the first search (issue 17, "main never blocks"). The thread is the QA scan worker's entry
 * in its `ranks` mode, as the facets thread is in its `facets` mode (so the builds that put each worker file beside
 * its bundle need no new entry): it opens the library read-only with the index attached, reads each in a read
 * transaction (one consistent snapshot while a sync writes), hands them over by transfer (no copy), and ends.
 */
import { oneAnswerFromThread, type ThreadFailure } from './facets-thread';
import type { Connection } from './connection';
import { readRanksElsewhere, type SnapshotRanks } from './search-ranks';
import { offerWordList, type WordList } from './search-vocabulary';

/** What a ranks thread is handed at start. */
export interface RanksData {
  readonly job: 'ranks';
  readonly libraryPath: string;
  readonly searchIndexPath: string;
  readonly projectId: string;
  readonly generation: number;
}

/** What a ranks thread reads: the snapshot's arrays, and the word list as of that moment. */
export interface ThreadSearch {
  readonly ranks: SnapshotRanks;
  readonly words: WordList;
}

/** A ranks thread's one answer: what it read, or the SQLite error's message and code. */
export type RanksReply = ({ readonly type: 'ranks' } & ThreadSearch) | ThreadFailure;

/**
 * The arrays of the project's snapshot `generation` and the word list, read on a thread. Rejects with the thread's
 * SQLite error (rebuilt as main would have met it); resolves null when no thread could run or it stopped without an
 * answer.
 */
export async function ranksOnThread(data: RanksData): Promise<ThreadSearch | null> {
  const reply = await oneAnswerFromThread<Extract<RanksReply, { type: 'ranks' }>>(data);
  return reply === null ? null : { ranks: reply.ranks, words: reply.words };
}

/**
 * Has `connection` (main's) get the search arrays of every snapshot no sync handed over from a thread reading the
 * library at `libraryPath`, with the word list of the index at `searchIndexPath` (see search-ranks.ts).
 */
export function searchArraysOnThreads(connection: Connection, libraryPath: string, searchIndexPath: string): void {
  readRanksElsewhere(connection, async (projectId, generation) => {
    const read = await ranksOnThread({ job: 'ranks', libraryPath, searchIndexPath, projectId, generation });
    if (read !== null && connection.open) offerWordList(connection, read.words);
    return read?.ranks ?? null;
  });
}
