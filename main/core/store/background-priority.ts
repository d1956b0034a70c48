/**
 * Lowers the calling thread's scheduling priority (nice 10), for the library's writing and indexing threads: on a
 * machine whose cores are all busy (a 2-core laptop while a sync writes and indexes), the kernel then gives the main
 * thread, which must keep the window answering, its turn before theirs (issue 17: the main loop stalled while both
 * threads and the main thread competed for two cores). The threads lose little: the main thread is idle most of the
 * time, and they take every cycle it leaves.
 *
 * Linux gives each thread a nice value of its own, set through the thread's id (found under /proc/thread-self).
 * Best effort: elsewhere, or where it is not allowed, the thread keeps its priority.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of a background thread (0 is the default, 19 the lowest priority). */
export const backgroundNice = 10;

/** Sets the calling thread to `backgroundNice`; true when it could. */
export function runThreadInBackground(): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, backgroundNice);
    return true;
  } catch {
    return false;
  }
}
