/**
 * Where the library file lives and how large its page cache is: the little that the writing thread shares with
 * database.ts. Kept apart so that the thread's bundle does not load what opening the library on main needs: the QA
 * results it attaches bring the QA rules, zod and an ICU parser, which made the thread's start about 80 ms slower
 * (thread-imports.test.ts), and a first sync waits for that start.
 */
import { join } from 'node:path';
import type { Connection } from './connection';

/** The library file inside the data folder. */
export function storePath(folder: string): string {
  return join(folder, 'library.sqlite');
}

/**
 * The library's page cache, in KiB: 16 MB while the app browses and searches, 4 MB while a sync writes. A sync only
 * appends, so a large cache does nothing for it; on the bench's 100,000-key sync the smaller one lowered peak memory
 * by about 18 MB at the same speed, while searches over a 1M-translation library were 1-3 ms slower at p95 with it.
 */
export const browsingCacheKb = 16_000;
const syncingCacheKb = 4_000;

/** Switches the page cache to its syncing size, or back; shrinking it frees the pages beyond the new size. */
export function useSyncCache(connection: Connection, syncing: boolean): void {
  connection.exec(`PRAGMA main.cache_size = -${syncing ? syncingCacheKb : browsingCacheKb}`);
}

