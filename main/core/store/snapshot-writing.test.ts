import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyQuerySchema } from '../../../common/contract';
import { recordingLogger } from '../../../test/support/core/lokalise-stub';
import type { Logger } from '../log';
import type { LokaliseKey, LokaliseLanguage, LokaliseProject } from '../lokalise/types';
import { LibraryStore } from '.';

const opened: LibraryStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function open(clock: { time: number }, logger?: Logger): LibraryStore {
  const store = LibraryStore.open(mkdtempSync(join(tmpdir(), 'locdesk-snapshot-')), { now: () => clock.time, ...(logger === undefined ? {} : { logger }) });
  opened.push(store);
  return store;
}

const project: LokaliseProject = {
  projectId: 'p1',
  name: 'Mobile app',
  description: '',
  teamId: null,
  baseLanguageId: 640,
  baseLanguageIso: 'en',
  createdAt: null,
  progressTotal: 50,
  keysTotal: 3,
  languages: [{ languageId: 640, iso: 'en', progress: 100 }],
};

const languages: LokaliseLanguage[] = [
  { langId: 640, iso: 'en', name: 'English', isRtl: false, pluralForms: ['one', 'other'] },
  { langId: 597, iso: 'de', name: 'German', isRtl: false, pluralForms: ['one', 'other'] },
];

function key(keyId: number, english: string, german: string): LokaliseKey {
  const translation = (languageIso: string, value: string) => ({ translationId: keyId * 10, keyId, languageIso, value, pluralForms: null, isReviewed: true, isUnverified: false, modifiedAt: 1 });
  return {
    keyId,
    keyNames: { ios: '', android: '', web: `key.${keyId}`, other: '' },
    description: '',
    platforms: ['web'],
    tags: [],
    isPlural: false,
    pluralName: '',
    isHidden: false,
    isArchived: false,
    context: '',
    charLimit: 0,
    createdAt: 1,
    modifiedAt: 1,
    translationsModifiedAt: 1,
    translations: [translation('en', english), translation('de', german)],
  };
}

function keyIds(store: LibraryStore, search = ''): number[] {
  return store.keyPage(KeyQuerySchema.parse({ projectId: 'p1', sourceIso: 'en', targetIsos: ['de'], search })).items.map((item) => item.keyId);
}

describe('LibraryStore.openSnapshot, the writer the sync engine uses', () => {
  it('writes a snapshot nobody sees until commit, then swaps it in with its facts on the store clock', async () => {
    const clock = { time: 1_000 };
    const store = open(clock);
    store.rememberProject(project);
    const snapshot = await store.openSnapshot('p1', 3);
    await snapshot.writeLanguages(languages);
    expect(await snapshot.writeKeys([key(1, 'Save', 'Speichern'), key(2, 'Cancel', 'Abbrechen')])).toEqual({ keys: 2, translations: 4, pageKeyIds: [1, 2] });
    expect(await snapshot.writeKeys([key(3, 'Settings', 'Einstellungen')])).toEqual({ keys: 3, translations: 6, pageKeyIds: [3] });
    expect(keyIds(store)).toEqual([]);
    expect(store.project('p1')?.sync.status).toBe('never');

    clock.time = 1_750;
    expect(await snapshot.commit(project, 1_000)).toEqual({ keys: 3, translations: 6 });
    expect(keyIds(store)).toEqual([1, 2, 3]);
    expect(keyIds(store, 'einstell')).toEqual([3]);
    expect(store.project('p1')?.sync).toMatchObject({ status: 'ok', lastSyncedAt: 1_750, durationMs: 750, keyCount: 3, translationCount: 6 });
  });

  it('leaves the current snapshot whole when a new one is aborted', async () => {
    const store = open({ time: 1 });
    store.rememberProject(project);
    const first = await store.openSnapshot('p1', 1);
    await first.writeLanguages(languages);
    await first.writeKeys([key(1, 'Save', 'Speichern')]);
    await first.commit(project, 0);

    const second = await store.openSnapshot('p1', 2);
    await second.writeLanguages(languages);
    await second.writeKeys([key(7, 'Delete', 'Löschen'), key(8, 'Close', 'Schließen')]);
    await second.abort();
    expect(keyIds(store)).toEqual([1]);
    expect(keyIds(store, 'löschen')).toEqual([]);
  });

  it('takes one snapshot at a time, and the next once the first is committed or aborted', async () => {
    const store = open({ time: 1 });
    store.rememberProject(project);
    const first = await store.openSnapshot('p1', 0);
    await expect(store.openSnapshot('p1', 0)).rejects.toThrow(/one sync at a time/);
    await first.abort();
    const second = await store.openSnapshot('p1', 0);
    await second.writeLanguages(languages);
    await second.commit(project, 0);
    await (await store.openSnapshot('p1', 0)).abort();
  });

  it('stores a key listed twice once, the later copy winning, and logs it (on one page or across pages)', async () => {
    const { logger, lines } = recordingLogger();
    const store = open({ time: 1 }, logger);
    store.rememberProject(project);
    const snapshot = await store.openSnapshot('p1', 3);
    await snapshot.writeLanguages(languages);
    await snapshot.writeKeys([key(1, 'Save', 'Speichern'), key(2, 'Cancel', 'Abbrechen')]);
    // Key 2 again on the next page, as the SDK fixtures serve it, and key 3 twice on one page.
    expect(await snapshot.writeKeys([key(2, 'Cancel now', 'Jetzt abbrechen'), key(3, 'Old', 'Alt'), key(3, 'Settings', 'Einstellungen')])).toEqual({ keys: 3, translations: 6, pageKeyIds: [2, 3, 3] });
    expect(await snapshot.commit(project, 0)).toEqual({ keys: 3, translations: 6 });
    expect(keyIds(store)).toEqual([1, 2, 3]);
    expect(store.keyDetail('p1', 2)?.translations.find((cell) => cell.languageIso === 'de')?.value).toBe('Jetzt abbrechen');
    expect(store.keyDetail('p1', 3)?.translations.find((cell) => cell.languageIso === 'en')?.value).toBe('Settings');
    expect(keyIds(store, 'abbrechen')).toEqual([2]);
    expect(keyIds(store, 'Alt')).toEqual([]);
    expect(keyIds(store, 'Speichern')).toEqual([1]);
    expect(store.project('p1')?.sync).toMatchObject({ keyCount: 3, translationCount: 6 });
    expect(lines.filter((line) => line.startsWith('a key was listed twice'))).toEqual([expect.stringContaining('"keyIds":[3,2],"count":2') as string]);
  });

  it("parses a page still in Lokalise's text on the writing thread, the same as a page read on main", async () => {
    const store = open({ time: 1 });
    store.rememberProject(project);
    const snapshot = await store.openSnapshot('p1', 3);
    await snapshot.writeLanguages(languages);
    const wire = (keyId: number, english: string, german: string): Record<string, unknown> => ({
      key_id: keyId,
      key_name: { ios: '', android: '', web: `key.${keyId}`, other: '' },
      platforms: ['web'],
      is_plural: false,
      translations: ['en', 'de'].map((iso) => ({ translation_id: keyId * 10, key_id: keyId, language_iso: iso, translation: iso === 'en' ? english : german, is_reviewed: true })),
    });
    const unparsed = JSON.stringify({ project_id: 'p1', keys: [wire(1, 'Save', 'Speichern'), wire(2, 'Cancel', 'Abbrechen')] });
    expect(await snapshot.writeKeys({ unparsed, what: 'the keys' })).toEqual({ keys: 2, translations: 4, pageKeyIds: [1, 2] });
    await expect(snapshot.writeKeys({ unparsed: unparsed.slice(0, -20), what: 'the keys' })).rejects.toMatchObject({ code: 'lokalise.bad_response' });
    expect(await snapshot.commit(project, 0)).toEqual({ keys: 2, translations: 4 });
    expect(keyIds(store, 'abbrechen')).toEqual([2]);
    expect(store.keyDetail('p1', 1)?.translations.find((cell) => cell.languageIso === 'de')?.value).toBe('Speichern');
  });

  it('hands out plain data only: five functions, and counts that survive a structured clone', async () => {
    const store = open({ time: 1 });
    store.rememberProject(project);
    const snapshot = await store.openSnapshot('p1', 1);
    expect(Object.keys(snapshot).sort()).toEqual(['abort', 'carryForward', 'commit', 'writeKeys', 'writeLanguages']);
    expect(Object.values(snapshot).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.isFrozen(snapshot)).toBe(true);
    await snapshot.writeLanguages(languages);
    const counts = await snapshot.writeKeys([key(1, 'Save', 'Speichern')]);
    expect(structuredClone(counts)).toEqual(counts);
    expect(Object.getPrototypeOf(counts)).toBe(Object.prototype);
    await snapshot.abort();
  });
});
