import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../log';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { storePath } from './library-file';
import { internalsOf, LibraryStore } from './library-store';
import { documentText, searchIndexPath } from './search-index';
import { buildSearch } from './search';
import { indexVocabulary } from './search-vocabulary';
import { InlineSearchIndexWriter, openSearchIndexWriter, WorkerSearchIndexWriter } from './search-index-writer';

let rig: SyncRig | null = null;
const stores: LibraryStore[] = [];
const writers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const writer of writers.splice(0)) await writer.close();
  for (const store of stores.splice(0)) store.close();
  await rig?.close();
  rig = null;
});

function openStore(): { store: LibraryStore; folder: string } {
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-index-'));
  const store = LibraryStore.open(folder);
  stores.push(store);
  return { store, folder };
}

/** The index rows the search for `term` matches, through the term list exactly as a key page asks. */
function matches(store: LibraryStore, term: string): number[] {
  const { match } = buildSearch(term, indexVocabulary(internalsOf(store).connection));
  if (match === null) throw new Error(`"${term}" is not answered by the index alone`);
  return (internalsOf(store).connection.prepare('SELECT rowid FROM key_words WHERE key_words MATCH ? ORDER BY rowid').raw(true).all(match) as [number][]).map((row) => row[0]);
}

function searchTotal(store: LibraryStore, projectId: string, search: string): number {
  return store.keyPage({ projectId, sourceIso: 'en', targetIsos: [], search, status: null, statusIso: null, tags: [], platforms: [], includeArchived: true, includeHidden: true, sort: 'name', qa: null, offset: 0, limit: 10 }).total;
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: vi.fn(), info: vi.fn(), error: vi.fn(), warn: (message: string) => void warnings.push(message) };
}

async function syncedRig(writingThread = true): Promise<{ projectId: string; settings: number; cjk: number }> {
  rig = await syncRig({ projects: 1, keysPerProject: 300 }, {}, { writingThread });
  await refreshList(rig);
  const projectId = rig.fake.dataset.projects[0]?.projectId ?? '';
  expect((await syncAndWait(rig, [projectId])).status).toBe('done');
  return { projectId, settings: searchTotal(rig.store, projectId, 'settings'), cjk: searchTotal(rig.store, projectId, '設定') };
}

describe('search index writer', () => {
  it('indexes on a worker thread, visible to the library connection once flushed', async () => {
    const { store, folder } = openStore();
    const writer = await WorkerSearchIndexWriter.start(searchIndexPath(folder));
    writers.push(writer);
    writer.begin();
    writer.add([11, 12], ['Save changes', '設定が更新されました']);
    writer.add([13], ['Téléchargement terminé']);
    await writer.flush();
    expect(matches(store, 'changes')).toEqual([11]);
    expect(matches(store, '設定が')).toEqual([12]);
    expect(matches(store, 'telecharge')).toEqual([13]);
  });

  it('rejects the flush when a batch fails, and the next snapshot starts clean', async () => {
    const { store, folder } = openStore();
    const writer = await WorkerSearchIndexWriter.start(searchIndexPath(folder));
    writers.push(writer);
    writer.begin();
    writer.add([1], [{ not: 'text' } as unknown as string]);
    await expect(writer.flush()).rejects.toMatchObject({ code: 'store.unavailable' });
    writer.begin();
    writer.add([2], ['recovered text']);
    await writer.flush();
    expect(matches(store, 'recovered')).toEqual([2]);
  });

  it('loads a snapshot into one segment per eight batches without merging, then merges them in the background after the swap', async () => {
    const { store, folder } = openStore();
    const writer = await WorkerSearchIndexWriter.start(searchIndexPath(folder));
    writers.push(writer);
    const segments = (): number => (internalsOf(store).connection.prepare('SELECT count(DISTINCT segid) FROM search.key_words_idx').raw(true).get() as [number])[0];
    const setting = (name: string): unknown => (internalsOf(store).connection.prepare('SELECT v FROM search.key_words_config WHERE k = ?').raw(true).get(name) as [unknown] | undefined)?.[0];
    writer.begin();
    // A commit every eight batches is one segment; FTS5 would merge these mid-load at its default of 16 a level.
    for (let id = 1; id <= 160; id += 1) writer.add([id], [`document number ${String(id)} about settings`]);
    await writer.flush();
    expect(segments()).toBe(20);
    expect(setting('automerge')).toBe(0);
    expect(matches(store, 'settings')).toHaveLength(160);
    writer.tidy();
    await vi.waitFor(() => expect(setting('automerge')).toBe(4), { timeout: 5000, interval: 20 });
    expect(setting('crisismerge')).toBe(16);
    expect(segments()).toBeLessThanOrEqual(8);
    expect(matches(store, 'settings')).toHaveLength(160);
    // Each term is found inside words: 17 in 17 and 117.
    expect(matches(store, 'number 17')).toEqual([17, 117]);
  });

  it('falls back to indexing inline, with a warning, when no worker can open the index', async () => {
    const { store } = openStore();
    const logger = recordingLogger();
    const writer = await openSearchIndexWriter(join(tmpdir(), 'no-such-folder-locdesk', 'search.sqlite'), internalsOf(store).connection, logger);
    expect(writer).toBeInstanceOf(InlineSearchIndexWriter);
    expect(logger.warnings).toHaveLength(1);
    writer.begin();
    writer.add([5], ['inline document']);
    await writer.flush();
    expect(matches(store, 'inline')).toEqual([5]);
  });

  it('is what a sync uses: a worker, started once per library', async () => {
    await syncedRig();
    const current = rig!;
    const first = await internalsOf(current.store).indexWriter();
    expect(first).toBeInstanceOf(WorkerSearchIndexWriter);
    expect(await internalsOf(current.store).indexWriter()).toBe(first);
  });
});

describe('a sync whose indexing thread stops', () => {
  it('fails with a clear message, keeps the previous snapshot searchable, and the next sync starts a new thread', async () => {
    // The store's own index writer is the one stopped here, so snapshots are written on this thread.
    const before = await syncedRig(false);
    const current = rig!;
    const writer = await internalsOf(current.store).indexWriter();
    // Stop the thread the moment the keys phase begins, as if it had crashed mid-sync.
    const record = current.progress.push.bind(current.progress);
    current.progress.push = (...entries) => {
      if (entries.some((entry) => entry.phase === 'keys')) void writer.close();
      return record(...entries);
    };
    current.engine.start([before.projectId], { full: true });
    await current.engine.whenIdle();
    current.progress.push = record;
    expect(current.engine.status()).toMatchObject({ status: 'failed', message: expect.stringContaining('search index could not be written') as string });
    expect(searchTotal(current.store, before.projectId, 'settings')).toBe(before.settings);
    expect((await syncAndWait(current, [before.projectId])).status).toBe('done');
    expect(await internalsOf(current.store).indexWriter()).not.toBe(writer);
    expect(searchTotal(current.store, before.projectId, 'settings')).toBe(before.settings);
  });
});

describe('search index file', () => {
  it('is rebuilt from the library when missing, with the same results', async () => {
    const before = await syncedRig();
    const current = rig!;
    expect(before.settings).toBeGreaterThan(0);
    expect(before.cjk).toBeGreaterThan(0);
    current.store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(searchIndexPath(current.folder) + suffix, { force: true });
    const reopened = LibraryStore.open(current.folder);
    Object.assign(current, { store: reopened });
    expect(existsSync(searchIndexPath(current.folder))).toBe(true);
    expect(searchTotal(reopened, before.projectId, 'settings')).toBe(before.settings);
    expect(searchTotal(reopened, before.projectId, '設定')).toBe(before.cjk);
  });

  it('is replaced and rebuilt when it is of the earlier trigram design, with substring and CJK search intact', async () => {
    const before = await syncedRig();
    const current = rig!;
    current.store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(searchIndexPath(current.folder) + suffix, { force: true });
    const old = new Database(searchIndexPath(current.folder));
    old.exec("CREATE VIRTUAL TABLE key_text USING fts5(body, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1')");
    old.close();
    const reopened = LibraryStore.open(current.folder);
    Object.assign(current, { store: reopened });
    const tables = (internalsOf(reopened).connection.prepare("SELECT name FROM search.sqlite_master WHERE name IN ('key_text', 'key_words')").raw(true).all() as [string][]).map((row) => row[0]);
    expect(tables).toEqual(['key_words']);
    expect(searchTotal(reopened, before.projectId, 'settings')).toBe(before.settings);
    expect(searchTotal(reopened, before.projectId, 'ttings')).toBe(before.settings);
    expect(searchTotal(reopened, before.projectId, '設定')).toBe(before.cjk);
  });

  it('is replaced and rebuilt when damaged, without touching the library', async () => {
    const before = await syncedRig();
    const current = rig!;
    current.store.close();
    writeFileSync(searchIndexPath(current.folder), 'not an index at all '.repeat(500));
    for (const suffix of ['-wal', '-shm']) rmSync(searchIndexPath(current.folder) + suffix, { force: true });
    const reopened = LibraryStore.open(current.folder);
    Object.assign(current, { store: reopened });
    expect(searchTotal(reopened, before.projectId, 'settings')).toBe(before.settings);
    expect(reopened.project(before.projectId)?.sync.keyCount).toBe(300);
  });

  it('is discarded when its library is gone, so a fresh library never inherits stale matches', async () => {
    await syncedRig();
    const current = rig!;
    current.store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(storePath(current.folder) + suffix, { force: true });
    const fresh = LibraryStore.open(current.folder);
    Object.assign(current, { store: fresh });
    expect(matches(fresh, 'settings')).toEqual([]);
  });

  it('gives a resync new key rows past any index row a killed sync left behind', async () => {
    const before = await syncedRig();
    const current = rig!;
    const orphan = 1_000_000;
    internalsOf(current.store).connection.prepare('INSERT INTO search.key_words (rowid, body) VALUES (?, ?)').run(orphan, 'orphaned settings text');
    expect((await syncAndWait(current, [before.projectId], { full: true })).status).toBe('done');
    const smallest = internalsOf(current.store).connection.prepare('SELECT min(id) FROM keys').raw(true).get() as [number];
    expect(smallest[0]).toBeGreaterThan(orphan);
    expect(searchTotal(current.store, before.projectId, 'settings')).toBe(before.settings);
  });
});

describe('documentText', () => {
  it('holds every name, the description, the context, each translation and each plural form, each distinct text once', () => {
    const text = documentText(['home.title', 'home_title', 'home.title', ''], 'Shown on the home screen', '', [
      ['Home', null],
      ['Startseite', null],
      ['Home', null],
      ['', { one: '1 Datei', other: '%d Dateien' }],
      ['', { other: '%d ファイル' }],
      ['', null],
    ]);
    expect(text.split('\n')).toEqual(['home.title', 'home_title', 'Shown on the home screen', 'Home', 'Startseite', '1 Datei', '%d Dateien', '%d ファイル']);
  });
});
