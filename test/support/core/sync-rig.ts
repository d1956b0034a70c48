/**
 * Test wiring for the sync engine: a fake Lokalise, a client with a fake-issued token, a library in a temp folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncProgress } from '../../../common/contract';
import { startFakeLokalise, type FakeLokalise, type FakeLokaliseOptions } from '../../fake-lokalise/server';
import type { TokenSource } from '../../../main/core/auth/token-source';
import { silentLogger } from '../../../main/core/log';
import { LokaliseClient } from '../../../main/core/lokalise/client';
import { LibraryStore, type LibraryOptions } from '../../../main/core/store';
import { SyncEngine, type SyncOptions } from '../../../main/core/sync/sync-engine';

/** Everything a sync test touches. */
export interface SyncRig {
  readonly fake: FakeLokalise;
  readonly folder: string;
  readonly store: LibraryStore;
  readonly client: LokaliseClient;
  readonly engine: SyncEngine;
  readonly progress: SyncProgress[];
  readonly changed: string[][];
  close(): Promise<void>;
}

/** A token source that hands out a token the fake issued, and a new one when it is rejected. */
export function fakeTokens(fake: FakeLokalise): TokenSource {
  let token = fake.issueTokens().accessToken;
  return {
    accessToken: () => Promise.resolve(token),
    refreshAfterRejection: (rejected) => {
      if (rejected === token) token = fake.issueTokens().accessToken;
      return Promise.resolve(token);
    },
  };
}

/** Starts a fake and a library; the client never really sleeps, so retries are instant. */
export async function syncRig(
  options: FakeLokaliseOptions,
  clientOverrides: { requestsPerSecond?: number; timeoutMs?: number; maxRetries?: number } = {},
  libraryOptions: LibraryOptions = {},
): Promise<SyncRig> {
  const fake = await startFakeLokalise(options);
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-sync-'));
  const store = LibraryStore.open(folder, libraryOptions);
  const client = new LokaliseClient({
    apiUrl: fake.apiUrl,
    fetch: globalThis.fetch,
    tokens: fakeTokens(fake),
    requestsPerSecond: clientOverrides.requestsPerSecond ?? 1000,
    sleep: () => Promise.resolve(),
    timeoutMs: clientOverrides.timeoutMs ?? 2000,
    maxRetries: clientOverrides.maxRetries,
  });
  const progress: SyncProgress[] = [];
  const changed: string[][] = [];
  const engine = new SyncEngine({ store, client, logger: silentLogger, onProgress: (entry) => progress.push(entry), onLibraryChanged: (ids) => changed.push(ids), progressIntervalMs: 0 });
  return {
    fake,
    folder,
    store,
    client,
    engine,
    progress,
    changed,
    close: async () => {
      engine.cancel();
      await engine.whenIdle();
      store.close();
      await fake.close();
    },
  };
}

/** Refreshes the project list from the fake into the store, as the app does after sign-in. */
export async function refreshList(rig: SyncRig): Promise<void> {
  rig.store.saveProjectList(await rig.client.listProjects(), await rig.client.listTeams());
}

/** Runs a sync to the end (incremental when the store can, unless `full`) and returns its final progress. */
export async function syncAndWait(rig: SyncRig, projectIds: string[] | null, options: SyncOptions = {}): Promise<SyncProgress> {
  rig.engine.start(projectIds, options);
  await rig.engine.whenIdle();
  // The old snapshot is removed after the swap, on the writing thread: tests look at the library once it is gone.
  await rig.store.whenSettled();
  return rig.engine.status();
}
