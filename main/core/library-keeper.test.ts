import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyQuerySchema } from '../../common/contract';
import { startFakeLokalise, type FakeLokalise } from '../../test/fake-lokalise/server';
import { checkpointLibrary, commitBehindTheStore, damagePages, damageTableRoot } from '../../test/support/core/library-file';
import { fakeTokens } from '../../test/support/core/sync-rig';
import { LibraryKeeper, libraryReplacedNotice } from './library-keeper';
import { silentLogger } from './log';
import { LokaliseClient } from './lokalise/client';
import { LibraryStore } from './store';
import { internalsOf } from './store/library-store';
import { SyncEngine } from './sync/sync-engine';

let fake: FakeLokalise;
let folder: string;
let client: LokaliseClient;
let changes: number;
const keepers: LibraryKeeper[] = [];

beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 2, keysPerProject: 400, languages: 3, seed: 5 });
  folder = mkdtempSync(join(tmpdir(), 'locdesk-keeper-'));
  client = new LokaliseClient({ apiUrl: fake.apiUrl, fetch: globalThis.fetch, tokens: fakeTokens(fake), requestsPerSecond: 1000, sleep: () => Promise.resolve(), timeoutMs: 2000 });
  changes = 0;
});
afterEach(async () => {
  for (const keeper of keepers.splice(0)) await keeper.close();
  await fake.close();
});

function keeperFor(checkFiles?: ConstructorParameters<typeof LibraryKeeper>[0]['checkFiles']): LibraryKeeper {
  const keeper = new LibraryKeeper({
    folder,
    logger: silentLogger,
    makeSync: (store) => new SyncEngine({ store, client, logger: silentLogger, onProgress: () => undefined, onLibraryChanged: () => undefined, progressIntervalMs: 0 }),
    onReplaced: () => {
      changes += 1;
    },
    ...(checkFiles === undefined ? {} : { checkFiles }),
  });
  keepers.push(keeper);
  return keeper;
}

async function refresh(keeper: LibraryKeeper): Promise<void> {
  keeper.library().saveProjectList(await client.listProjects(), await client.listTeams());
  keeper.projectListSaved();
}

/** Syncs the first project (kept offline) and moves everything into the main file, so damage to it is met by reads. */
async function syncFirst(keeper: LibraryKeeper): Promise<string> {
  await refresh(keeper);
  const projectId = fake.dataset.projects[0]!.projectId;
  keeper.library().setKeepOffline(projectId, true);
  keeper.keptOfflineChanged();
  keeper.engine().start([projectId]);
  await keeper.engine().whenIdle();
  expect(keeper.engine().status().status).toBe('done');
  checkpointLibrary(folder);
  return projectId;
}

const page = (keeper: LibraryKeeper, projectId: string, search = '') =>
  keeper.library().keyPage(KeyQuerySchema.parse({ projectId, sourceIso: 'en', targetIsos: [], search, limit: 500 }));

describe('LibraryKeeper', () => {
  it('sets a library damaged at runtime aside, starts a fresh one without a restart, and brings the kept projects back', async () => {
    const keeper = keeperFor();
    const projectId = await syncFirst(keeper);
    const before = page(keeper, projectId).total;
    damagePages(LibraryStore.filesIn(folder).library);
    commitBehindTheStore(LibraryStore.filesIn(folder).library);

    expect(() => page(keeper, projectId)).toThrow(expect.objectContaining({ code: 'store.corrupt' }) as Error);
    await keeper.whenSettled();
    expect(keeper.notice).toBe(libraryReplacedNotice);
    expect(keeper.problem).toBeNull();
    expect(changes).toBeGreaterThan(0);
    expect(readdirSync(folder).filter((name) => /^library\.sqlite\.corrupt-\d+$/.test(name))).toHaveLength(1);
    expect(keeper.library().listProjects()).toEqual([]);

    // The way back: a refresh keeps the project offline again, and a sync restores its keys.
    await refresh(keeper);
    expect(keeper.notice).toBeNull();
    expect(keeper.library().project(projectId)?.keepOffline).toBe(true);
    keeper.engine().start(null);
    await keeper.engine().whenIdle();
    expect(page(keeper, projectId).total).toBe(before);
  });

  it('rebuilds a search index damaged at runtime from the library, keeping the library and its answers', async () => {
    const keeper = keeperFor();
    const projectId = await syncFirst(keeper);
    const word = page(keeper, projectId).items[0]!.name.split(/[^A-Za-z]+/).find((part) => part.length > 3) ?? 'settings';
    const expected = page(keeper, projectId, word).total;
    expect(expected).toBeGreaterThan(0);
    // After a sync the index thread goes on merging segments in the background (tidy); damage written meanwhile could
    // be overwritten by its next step, or meet its lock. Stop it first, as a closed app would have.
    await (await internalsOf(keeper.library()).indexWriter()).close();
    damagePages(LibraryStore.filesIn(folder).searchIndex);
    commitBehindTheStore(LibraryStore.filesIn(folder).searchIndex);

    let failed = false;
    try {
      page(keeper, projectId, word);
    } catch (error) {
      failed = true;
      expect(error).toMatchObject({ code: 'store.corrupt' });
    }
    await keeper.whenSettled();
    expect(failed).toBe(true);
    expect(page(keeper, projectId, word).total).toBe(expected);
    expect(keeper.notice).toBeNull();
    expect(readdirSync(folder).some((name) => name.includes('corrupt'))).toBe(false);
  });

  it('finds damage that happened while the app was closed at start-up, on a worker thread', async () => {
    const first = keeperFor();
    await syncFirst(first);
    await first.close();
    keepers.splice(keepers.indexOf(first), 1);
    // The translations: opening the library reads none of them, so only the check can find the damage.
    damageTableRoot(folder, 'key_translations');

    const keeper = keeperFor();
    expect(keeper.problem).toBeNull();
    const report = await keeper.checkAtStart();
    expect(report?.library).toBe('damaged');
    expect(keeper.notice).toBe(libraryReplacedNotice);
    expect(keeper.library().listProjects()).toEqual([]);
  });

  it('says both files are whole at start-up when they are, and changes nothing', async () => {
    const keeper = keeperFor();
    const projectId = await syncFirst(keeper);
    expect(await keeper.checkAtStart()).toEqual({ library: 'ok', searchIndex: 'ok' });
    expect(keeper.notice).toBeNull();
    expect(page(keeper, projectId).total).toBeGreaterThan(0);
  });

  it('forgets local data even when the library is damaged', async () => {
    const keeper = keeperFor();
    await syncFirst(keeper);
    damagePages(LibraryStore.filesIn(folder).library);
    commitBehindTheStore(LibraryStore.filesIn(folder).library);
    await keeper.forget();
    // It met the damage (the damaged file was set aside) and still forgot everything.
    expect(readdirSync(folder).filter((name) => /^library\.sqlite\.corrupt-\d+$/.test(name))).toHaveLength(1);
    expect(keeper.library().listProjects()).toEqual([]);
    expect(keeper.notice).toBeNull();
    expect(existsSync(LibraryStore.filesIn(folder).library)).toBe(true);
  });
});
