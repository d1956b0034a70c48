import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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

/** The nice value of each thread of this process, by thread id (Linux: field 19 of /proc/self/task/<id>/stat). */
function threadNice(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const id of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8');
      nice.set(Number(id), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return nice;
}

describe('the priority of the writing and indexing threads', () => {
  it.runIf(existsSync('/proc/thread-self'))('lowers theirs to nice 10 and leaves the calling thread its own', async () => {
    const before = threadNice();
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-thread-'));
    const store = LibraryStore.open(folder);
    opened.push(store);
    const project = { projectId: 'p1', name: 'P', description: '', baseLanguageId: 640, baseLanguageIso: 'en', teamId: null, createdAt: null, progressTotal: 0, keysTotal: 0, languages: [] };
    store.rememberProject(project);
    // Opening a snapshot starts the writing thread, which starts the indexing thread.
    const snapshot = await store.openSnapshot('p1', 0);
    const after = threadNice();
    await snapshot.abort();
    const started = [...after].filter(([id]) => !before.has(id));
    expect(started.filter(([, nice]) => nice === 10).length).toBeGreaterThanOrEqual(2);
    const self = readFileSync('/proc/thread-self/stat', 'utf8');
    const ownNice = Number(self.slice(self.lastIndexOf(')') + 2).split(' ')[16]);
    expect(ownNice).toBe(before.get(Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0])));
    expect(ownNice).not.toBe(10);
  });
});
