/**
 * The composed core's start-up housekeeping: the library's check, and the scan of stale QA results after it, wait
 * until the window's calls pause (call-activity.ts). The scan is what a test can see from outside (its progress
 * events); that the check finds damage is library-keeper.test.ts's.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeEnvironment } from '../../test/fake-lokalise/environment';
import { startFakeLokalise, type FakeLokalise } from '../../test/fake-lokalise/server';
import { fakeTokens } from '../../test/support/core/sync-rig';
import { composeCore, type ComposedCore } from '../../test/support/core/edits-rig';
import type { AppCore } from './app-core';
import { LibraryKeeper } from './library-keeper';
import { silentLogger } from './log';
import { LokaliseClient } from './lokalise/client';
import { SyncEngine } from './sync/sync-engine';

let fake: FakeLokalise;
let folder: string;
const cores: AppCore[] = [];
beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 300, languages: 3, seed: 11 });
  folder = mkdtempSync(join(tmpdir(), 'locdesk-start-up-'));
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await fake.close();
});

/** A library with the fake's project synced and no QA results yet (the sync ran without the core's QA service). */
async function unscannedLibrary(): Promise<void> {
  const client = new LokaliseClient({ apiUrl: fake.apiUrl, fetch: globalThis.fetch, tokens: fakeTokens(fake), requestsPerSecond: 1000, sleep: () => Promise.resolve(), timeoutMs: 2000 });
  const keeper = new LibraryKeeper({
    folder,
    logger: silentLogger,
    makeSync: (store) => new SyncEngine({ store, client, logger: silentLogger, onProgress: () => undefined, onLibraryChanged: () => undefined, progressIntervalMs: 0 }),
    onReplaced: () => undefined,
  });
  keeper.library().saveProjectList(await client.listProjects(), await client.listTeams());
  const projectId = fake.dataset.projects[0]!.projectId;
  keeper.library().setKeepOffline(projectId, true);
  keeper.engine().start([projectId]);
  await keeper.engine().whenIdle();
  expect(keeper.engine().status().status).toBe('done');
  await keeper.close();
}

async function start(quietMs: number): Promise<ComposedCore> {
  const composed = await composeCore(fakeEnvironment(fake), folder, { startUpQuiet: { quietMs, latestMs: 60_000 } });
  cores.push(composed.core);
  return composed;
}

/** Counts the QA scan's progress events (its only event). */
function scanEvents(core: AppCore): { count: number } {
  const seen = { count: 0 };
  core.events.subscribe((event) => {
    if (event.domain === 'qa') seen.count += 1;
  });
  return seen;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('start-up housekeeping', () => {
  it('waits while the window keeps calling, then runs once it pauses', async () => {
    await unscannedLibrary();
    const { core, call } = await start(1_000);
    const scan = scanEvents(core);
    // A call every 100 ms for well over the quiet spell: the housekeeping has not begun.
    for (let round = 0; round < 25; round += 1) {
      await call('app:info');
      await pause(100);
    }
    expect(scan.count).toBe(0);
    // Quiet: the check runs, then the scan of the stale results, which reports its progress.
    for (let look = 0; look < 100 && scan.count === 0; look += 1) await pause(100);
    expect(scan.count).toBeGreaterThan(0);
  });

  it('closes at once while the housekeeping still waits for quiet, and never starts it', async () => {
    await unscannedLibrary();
    const { core, call } = await start(60_000);
    const scan = scanEvents(core);
    await call('app:info');
    const started = performance.now();
    await core.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    await pause(300);
    expect(scan.count).toBe(0);
  });
});
