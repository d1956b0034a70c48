import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocdeskError } from '../errors';
import { storeError } from './database';
import { isDamage } from './damage';
import { LibraryStore } from './library-store';
import { rebuiltError } from './snapshot-thread';

const opened: LibraryStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('errors from the writing thread', () => {
  it('keeps SQLite damage recognisable, so the call answers store.corrupt and the keeper hears of it', () => {
    const rebuilt = rebuiltError({ message: 'database disk image is malformed', sqliteCode: 'SQLITE_CORRUPT', locdeskCode: null });
    expect(isDamage(rebuilt)).toBe(true);
    expect(storeError(rebuilt)).toMatchObject({ code: 'store.corrupt' });
  });

  it('keeps a LocdeskError its code and sentence, and leaves other failures plain', () => {
    expect(rebuiltError({ message: 'The search index could not be written (disk full).', sqliteCode: null, locdeskCode: 'store.unavailable' })).toEqual(
      new LocdeskError('store.unavailable', 'The search index could not be written (disk full).'),
    );
    const plain = rebuiltError({ message: 'no snapshot is open on the writing thread', sqliteCode: null, locdeskCode: null });
    expect(isDamage(plain)).toBe(false);
    expect(plain).not.toBeInstanceOf(LocdeskError);
  });
});

describe('a store closed while its writing thread holds a snapshot', () => {
  it('fails the waiting call with store.unavailable instead of leaving it hanging, and the file stays as it was', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-thread-'));
    const store = LibraryStore.open(folder);
    const project = { projectId: 'p1', name: 'P', description: '', baseLanguageId: 640, baseLanguageIso: 'en', teamId: null, createdAt: null, progressTotal: 0, keysTotal: 0, languages: [] };
    store.rememberProject(project);
    const snapshot = await store.openSnapshot('p1', 0);
    store.close();
    // Sent before the thread was told to stop: done. The swap asked for after it never happens, and says so.
    await snapshot.writeLanguages([]);
    await expect(snapshot.commit(project, 0)).rejects.toMatchObject({ code: 'store.unavailable' });
    const reopened = LibraryStore.open(folder);
    opened.push(reopened);
    expect(reopened.project('p1')?.sync.status).toBe('never');
  });
});

/** This process's threads (Linux); null where /proc cannot tell. */
function threadCount(): number | null {
  try {
    return readdirSync('/proc/self/task').length;
  } catch {
    return null;
  }
}

async function threadsBecome(count: number): Promise<number | null> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (threadCount() === count) return count;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return threadCount();
}

/** The thread count once it has stayed the same for 300 ms (threads of earlier tests' stores may still be ending). */
async function settledThreadCount(): Promise<number> {
  let last = threadCount() ?? 0;
  let steadySince = Date.now();
  while (Date.now() - steadySince < 300) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = threadCount() ?? 0;
    if (now !== last) {
      last = now;
      steadySince = Date.now();
    }
  }
  return last;
}

describe('the indexing thread', () => {
  it.skipIf(threadCount() === null)('starts with the writing thread, before a snapshot opens, and the snapshot uses that one', async () => {
    const before = await settledThreadCount();
    const store = LibraryStore.open(mkdtempSync(join(tmpdir(), 'locdesk-thread-')));
    opened.push(store);
    // The writing thread is started as a sync starts (prepareIndexing); nothing asks for a snapshot yet.
    store.prepareIndexing();
    // Two threads: the writing one, and the indexing one it starts at once.
    expect(await threadsBecome(before + 2)).toBe(before + 2);
    const project = { projectId: 'p1', name: 'P', description: '', baseLanguageId: 640, baseLanguageIso: 'en', teamId: null, createdAt: null, progressTotal: 0, keysTotal: 0, languages: [] };
    store.rememberProject(project);
    const snapshot = await store.openSnapshot('p1', 0);
    await snapshot.writeLanguages([]);
    await snapshot.commit(project, 0);
    // The open snapshot was indexed by the thread already running: no second one was started.
    expect(threadCount()).toBe(before + 2);
    expect(store.project('p1')?.sync.status).toBe('ok');
  });
});
