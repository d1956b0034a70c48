/**
 * The sync under bad weather: a storm of bare 429s in the middle of a key listing, a cancel during a wait, and
 * requests that get no answer. Real fake Lokalise over HTTP, real library, real engine.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../common/contract';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import type { TokenSource } from '../auth/token-source';
import { silentLogger } from '../log';
import { LokaliseClient, type LokaliseClientOptions } from '../lokalise/client';
import { LibraryStore } from '../store';
import { SyncEngine } from './sync-engine';

interface Weather {
  readonly fake: FakeLokalise;
  readonly store: LibraryStore;
  readonly client: LokaliseClient;
  readonly engine: SyncEngine;
  readonly progress: SyncProgress[];
  readonly projectId: string;
}

let open: Weather | null = null;
afterEach(async () => {
  if (open === null) return;
  open.engine.cancel();
  await open.engine.whenIdle();
  open.store.close();
  await open.fake.close();
  open = null;
});

async function weather(keysPerProject: number, clientOptions: Partial<LokaliseClientOptions>): Promise<Weather> {
  const fake = await startFakeLokalise({ projects: 1, keysPerProject, languages: 3, seed: 11 });
  const token = fake.issueTokens().accessToken;
  const tokens: TokenSource = { accessToken: () => Promise.resolve(token), refreshAfterRejection: () => Promise.resolve(token) };
  const store = LibraryStore.open(mkdtempSync(join(tmpdir(), 'locdesk-weather-')));
  const client = new LokaliseClient({ apiUrl: fake.apiUrl, fetch: globalThis.fetch, tokens, requestsPerSecond: 1000, ...clientOptions });
  store.saveProjectList(await client.listProjects(), []);
  const progress: SyncProgress[] = [];
  const engine = new SyncEngine({ store, client, logger: silentLogger, onProgress: (entry) => progress.push(entry), onLibraryChanged: () => undefined, progressIntervalMs: 0 });
  const projectId = fake.dataset.projects[0]?.projectId ?? '';
  open = { fake, store, client, engine, progress, projectId };
  return open;
}

function keyCount(rig: Weather): number {
  return rig.store.project(rig.projectId)?.sync.keyCount ?? -1;
}

describe('a sync through a storm of bare 429s', () => {
  it('keeps every page it has, continues from its cursor, gets every key, and says it is being limited', async () => {
    const rig = await weather(5000, { sleep: () => Promise.resolve() });
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 20, spareRequests: 4, failureKind: '429', matchPath: /\/keys$/ };
    rig.engine.start([rig.projectId]);
    await rig.engine.whenIdle();
    expect(rig.engine.status()).toMatchObject({ status: 'done', retry: null, message: null });
    expect(rig.fake.stats.faultsInjected).toBe(20);
    expect(keyCount(rig)).toBe(5000);
    expect(rig.store.project(rig.projectId)?.sync.translationCount).toBe(
      Array.from({ length: 5000 }, (_, index) => rig.fake.dataset.key(rig.fake.dataset.projects[0]!, index).translations.length).reduce((sum, count) => sum + count, 0),
    );
    // One walk from the first page; the other 10 pages (and the empty one) each asked for by cursor, plus the 20 retries.
    expect(rig.fake.stats.firstPages['projects/:id/keys']).toBe(1);
    expect(rig.fake.stats.byRoute['projects/:id/keys']).toBe(11 + 20);
    const limited = rig.progress.filter((entry) => entry.retry?.reason === 'rateLimited');
    expect(limited.length).toBeGreaterThanOrEqual(20);
    // The storm hit the fifth request, sent while at most two answers waited unstored (see unparsedKeyPages), so at
    // least two pages had been stored; they stayed, and the progress kept counting them.
    expect(limited.every((entry) => entry.status === 'running' && entry.phase === 'keys' && entry.done >= 1000)).toBe(true);
  });

  it('stops at once when cancelled during a rate-limit wait, and keeps the previous copy', async () => {
    const rig = await weather(1500, { random: () => 1 });
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 100, spareRequests: 1, failureKind: '429', matchPath: /\/keys$/ };
    let retryAt = Number.POSITIVE_INFINITY;
    const waiting = new Promise<void>((resolve) =>
      rig.client.onRetryWait((wait) => {
        if (wait === null) return;
        retryAt = wait.at;
        resolve();
      }),
    );
    rig.engine.start([rig.projectId]);
    await waiting;
    const requestsAtCancel = rig.fake.stats.apiRequests;
    rig.engine.cancel();
    await rig.engine.whenIdle();
    // Idle before the retry was due (a full second away with this jitter): the wait was cut short, not sat out. (A
    // bound in wall time, 300 ms, failed on a machine at load 10.)
    expect(Date.now()).toBeLessThan(retryAt);
    expect(rig.engine.status()).toMatchObject({ status: 'cancelled', retry: null });
    expect(rig.fake.stats.apiRequests).toBe(requestsAtCancel);
    expect(rig.store.project(rig.projectId)?.sync).toMatchObject({ status: 'cancelled', keyCount: 0 });
  });
});

describe('a sync through requests that get no answer', () => {
  it('says Lokalise is not answering while it retries, and completes once answers come back', async () => {
    const rig = await weather(1200, { timeoutMs: 250, sleep: () => Promise.resolve() });
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 2, spareRequests: 1, failureKind: 'hang', matchPath: /\/keys$/ };
    rig.engine.start([rig.projectId]);
    await rig.engine.whenIdle();
    expect(rig.engine.status()).toMatchObject({ status: 'done', retry: null });
    expect(keyCount(rig)).toBe(1200);
    expect(rig.progress.some((entry) => entry.retry?.reason === 'notAnswering')).toBe(true);
    expect(rig.fake.stats.firstPages['projects/:id/keys']).toBe(1);
  });

  it('fails with "Lokalise is not answering" after its retries, never "Something went wrong"', async () => {
    const rig = await weather(600, { timeoutMs: 200, maxRetries: 1, sleep: () => Promise.resolve() });
    rig.fake.switches.faults = { ...rig.fake.switches.faults, failNextRequests: 10, failureKind: 'hang', matchPath: /\/keys$/ };
    rig.engine.start([rig.projectId]);
    await rig.engine.whenIdle();
    const final = rig.engine.status();
    expect(final.status).toBe('failed');
    expect(final.message).toMatch(/^.+: Lokalise is not answering: 2 tries to load the keys got no reply within 0\.2 s\./);
  });
});
