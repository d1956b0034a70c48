import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocdeskError } from '../errors';
import type { LokaliseKey } from '../lokalise/types';
import { storeError, storePath } from './database';
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

/** A key whose two translations are `length` characters each, different for every key (so nothing compresses away). */
function largeKey(keyId: number, length: number): LokaliseKey {
  const text = (language: string): string => `${language} ${keyId} `.padEnd(length, String(keyId * 7919).repeat(8));
  return {
    keyId, keyNames: { ios: `k${keyId}`, android: `k${keyId}`, web: `k${keyId}`, other: `k${keyId}` }, description: '', platforms: ['web'], tags: [],
    isPlural: false, pluralName: '', isHidden: false, isArchived: false, context: '', charLimit: 0, createdAt: null, modifiedAt: null, translationsModifiedAt: null,
    translations: ['en', 'de'].map((languageIso, index) => ({ translationId: keyId * 10 + index, keyId, languageIso, value: text(languageIso), pluralForms: null, isReviewed: false, isUnverified: false, modifiedAt: null })),
  };
}

describe('the writing thread and the WAL', () => {
  it('leaves pages of keys in the WAL while a sync writes them, rather than checkpointing them into the file every few MB', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-thread-'));
    const store = LibraryStore.open(folder);
    opened.push(store);
    const project = { projectId: 'p1', name: 'P', description: '', baseLanguageId: 640, baseLanguageIso: 'en', teamId: null, createdAt: null, progressTotal: 0, keysTotal: 800, languages: [] };
    store.rememberProject(project);
    const before = statSync(storePath(folder)).size;
    const snapshot = await store.openSnapshot('p1', 800);
    await snapshot.writeLanguages([
      { langId: 640, iso: 'en', name: 'English', isRtl: false, pluralForms: ['one', 'other'] },
      { langId: 597, iso: 'de', name: 'German', isRtl: false, pluralForms: ['one', 'other'] },
    ]);
    // About 12 MB of rows in 8 pages: SQLite's default would have checkpointed every 4 MB of them into the file.
    for (let page = 0; page < 8; page += 1) await snapshot.writeKeys(Array.from({ length: 100 }, (_, index) => largeKey(page * 100 + index + 1, 7000)));
    expect(statSync(`${storePath(folder)}-wal`).size).toBeGreaterThan(10_000_000);
    expect(statSync(storePath(folder)).size - before).toBeLessThan(1_000_000);
    await snapshot.commit(project, 0);
    expect(store.project('p1')?.sync.keyCount).toBe(800);
  });
});
