/**
 * The update service as the real core composes it: the contract calls and event, the setting, the demo switch and
 * the sync's busy signal, against the fake update server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UpdateState } from '../../../common/contract';
import { startFakeUpdateServer, type FakeUpdateServer } from '../../../test/fake-updates/server';
import { MemoryCipher, MemoryClipboard, MemoryKeyValueStore, RecordingBrowser, ScriptedConfirmation } from '../../../test/support/memory-ports';
import { createAppCore, type AppCore } from '../app-core';
import { loadConfig } from '../config';
import { silentLogger, Redactor } from '../log';
import { idleSyncProgress } from '../sync/sync-engine';
import { ManualScheduler, RecordingInstaller } from './testing';
import { defaultUpdateTimings } from './update-policy';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function coreWith(options: { mode?: 'production' | 'demo'; withEdge?: boolean } = {}) {
  const server: FakeUpdateServer = await startFakeUpdateServer('0.2.0');
  cleanups.push(() => server.close());
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-core-updates-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  const scheduler = new ManualScheduler();
  const installer = new RecordingInstaller();
  const core: AppCore = await createAppCore({
    config: loadConfig({ LOCDESK_MODE: options.mode ?? 'production' }).config,
    configProblem: null,
    dataFolder: folder,
    fetch: globalThis.fetch,
    cipher: new MemoryCipher(),
    tokenStore: new MemoryKeyValueStore(),
    settingsStore: new MemoryKeyValueStore(),
    confirmation: new ScriptedConfirmation(),
    browser: new RecordingBrowser(),
    clipboard: new MemoryClipboard(),
    logger: silentLogger,
    redactor: new Redactor(),
    appVersion: '0.1.0',
    ...(options.withEdge === false ? {} : { updates: { feedUrl: server.feedUrl, unsupportedReason: null, platform: 'win32', arch: 'x64', installer, scheduler } }),
  });
  cleanups.push(() => core.close());
  const events: UpdateState[] = [];
  core.events.subscribe((event) => {
    if (event.domain === 'app' && event.name === 'onUpdateStateChanged') events.push(event.payload);
  });
  return { core, server, scheduler, installer, events };
}

const syncStatus = (core: AppCore, status: 'running' | 'done'): void =>
  core.events.emit({ domain: 'sync', name: 'onProgress', payload: { ...idleSyncProgress, status } });

describe('updates in the composed core', () => {
  it('answers app.updateState, announces every change as app.onUpdateStateChanged, and downloads a newer release', async () => {
    const { core, server, scheduler, installer, events } = await coreWith();
    expect(await core.api.app.updateState()).toMatchObject({ status: 'idle', currentVersion: '0.1.0' });
    scheduler.advance(defaultUpdateTimings.firstCheckDelayMs);
    await vi.waitFor(() => expect(events.at(-1)?.status).toBe('downloading'));
    expect(server.requests).toEqual(['/releases/latest/download/latest.yml']);
    expect(events.map((state) => state.status)).toEqual(['checking', 'downloading']);
    installer.finish();
    await vi.waitFor(() => expect(events.at(-1)?.status).toBe('ready'));
    expect(await core.api.app.updateState()).toMatchObject({ status: 'ready', availableVersion: '0.2.0' });
  });

  it('turns off with the setting and back on', async () => {
    const { core } = await coreWith();
    await core.api.settings.update({ automaticUpdates: false });
    expect(await core.api.app.updateState()).toMatchObject({ status: 'disabled', disabledReason: 'setting' });
    await core.api.settings.update({ automaticUpdates: true });
    expect(await core.api.app.updateState()).toMatchObject({ status: 'idle', disabledReason: null });
  });

  it('waits for a running sync before checking', async () => {
    const { core, server, scheduler } = await coreWith();
    syncStatus(core, 'running');
    scheduler.advance(defaultUpdateTimings.firstCheckDelayMs * 10);
    expect(server.requests).toEqual([]);
    syncStatus(core, 'done');
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
  });

  it('never checks in the demo', async () => {
    const { core, server, scheduler } = await coreWith({ mode: 'demo' });
    scheduler.advance(defaultUpdateTimings.checkIntervalMs * 3);
    expect(server.requests).toEqual([]);
    expect(await core.api.app.updateState()).toMatchObject({ status: 'disabled', disabledReason: 'demo', message: 'Updates are off in the demo.' });
  });

  it('reports updates as unsupported where the edge gave no installer', async () => {
    const { core } = await coreWith({ withEdge: false });
    expect(await core.api.app.updateState()).toMatchObject({ status: 'disabled', disabledReason: 'unsupported' });
  });

  it('refuses a restart with a clear error when nothing is ready', async () => {
    const { core, installer } = await coreWith();
    await expect(core.api.app.restartToUpdate()).rejects.toMatchObject({ code: 'update.not_ready', message: 'No update is ready to install yet.' });
    expect(installer.restarts).toBe(0);
  });
});
