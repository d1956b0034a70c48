import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UpdateState } from '../../../common/contract';
import { startFakeUpdateServer, type FakeUpdateServer } from '../../../test/fake-updates/server';
import { BusySignal } from '../busy-signal';
import { silentLogger } from '../log';
import type { UpdateEdge } from './ports';
import { ManualScheduler, RecordingInstaller } from './testing';
import { defaultUpdateTimings } from './update-policy';
import { UpdateService } from './update-service';

const { firstCheckDelayMs, checkIntervalMs, firstRetryDelayMs } = defaultUpdateTimings;
const servers: FakeUpdateServer[] = [];
const services: UpdateService[] = [];

afterEach(async () => {
  for (const service of services.splice(0)) service.stop();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Rig {
  readonly server: FakeUpdateServer;
  readonly service: UpdateService;
  readonly scheduler: ManualScheduler;
  readonly installer: RecordingInstaller;
  readonly busy: BusySignal;
  readonly states: UpdateState[];
  setting: boolean;
  /** Resolves once a state with `status` has been published. */
  until(status: UpdateState['status']): Promise<UpdateState>;
  /** Feed requests so far. */
  checks(): number;
}

async function rig(options: { current?: string; published?: string | null; mode?: 'production' | 'demo' | 'development'; edge?: Partial<UpdateEdge> } = {}): Promise<Rig> {
  const server = await startFakeUpdateServer(options.published === undefined ? '0.2.0' : options.published);
  servers.push(server);
  const scheduler = new ManualScheduler();
  const installer = new RecordingInstaller();
  const busy = new BusySignal();
  const states: UpdateState[] = [];
  const waiters: { status: UpdateState['status']; resolve: (state: UpdateState) => void }[] = [];
  const result: Rig = {
    server,
    scheduler,
    installer,
    busy,
    states,
    setting: true,
    service: undefined as unknown as UpdateService,
    until: (status) => {
      const seen = states.at(-1);
      if (seen?.status === status) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ status, resolve }));
    },
    checks: () => server.requests.length,
  };
  const service = new UpdateService({
    currentVersion: options.current ?? '0.1.0',
    mode: options.mode ?? 'production',
    edge: { feedUrl: server.feedUrl, unsupportedReason: null, platform: 'linux', arch: 'x64', installer, scheduler, ...options.edge },
    automaticUpdates: () => result.setting,
    busy,
    fetch,
    logger: silentLogger,
    onState: (state) => {
      states.push(state);
      for (const waiter of waiters.splice(0)) {
        if (waiter.status === state.status) waiter.resolve(state);
        else waiters.push(waiter);
      }
    },
  });
  services.push(service);
  Object.assign(result, { service });
  service.start();
  return result;
}

describe('UpdateService: when it checks', () => {
  it('checks shortly after start and then every few hours, and says the app is up to date', async () => {
    const r = await rig({ current: '0.2.0' });
    expect(r.service.state().status).toBe('idle');
    r.scheduler.advance(firstCheckDelayMs - 1);
    expect(r.checks()).toBe(0);
    r.scheduler.advance(1);
    const idle = await r.until('idle');
    expect(r.server.requests).toEqual(['/releases/latest/download/latest-linux.yml']);
    expect(idle.message).toBe('Locdesk 0.2.0 is up to date.');
    expect(idle.lastCheckedAt).toBe(firstCheckDelayMs);
    expect(r.scheduler.pending()).toEqual([checkIntervalMs]);
    r.scheduler.advance(checkIntervalMs);
    await vi.waitFor(() => expect(r.checks()).toBe(2));
    expect(r.installer.downloads).toEqual([]);
  });

  it('backs off after failures, doubling the wait, and recovers', async () => {
    const r = await rig({ current: '0.2.0' });
    r.server.failNext(2, 503);
    r.scheduler.advance(firstCheckDelayMs);
    const failed = await r.until('failed');
    expect(failed.message).toBe('Locdesk could not check for updates; it will try again later.');
    expect(r.scheduler.pending()).toEqual([firstRetryDelayMs]);
    r.scheduler.advance(firstRetryDelayMs);
    await vi.waitFor(() => expect(r.scheduler.pending()).toEqual([firstRetryDelayMs * 2]));
    r.scheduler.advance(firstRetryDelayMs * 2);
    await r.until('idle');
    expect(r.checks()).toBe(3);
    expect(r.scheduler.pending()).toEqual([checkIntervalMs]);
  });

  it('treats a feed with nothing published as up to date', async () => {
    const r = await rig({ published: null });
    r.scheduler.advance(firstCheckDelayMs);
    await r.until('idle');
    expect(r.checks()).toBe(1);
    expect(r.scheduler.pending()).toEqual([checkIntervalMs]);
  });
});

describe('UpdateService: what it takes', () => {
  it('downloads a newer version in the background, then offers the restart and installs on quit', async () => {
    const r = await rig({ current: '0.1.0', published: '0.2.0' });
    r.scheduler.advance(firstCheckDelayMs);
    const downloading = await r.until('downloading');
    expect(downloading.availableVersion).toBe('0.2.0');
    expect(r.installer.downloads).toEqual(['0.2.0']);
    r.installer.progress(42.4);
    expect(r.service.state().downloadPercent).toBe(42.4);
    expect(r.service.state().message).toBe('Downloading Locdesk 0.2.0 (42%)…');
    r.installer.finish();
    const ready = await r.until('ready');
    expect(ready.message).toBe('Update ready — restart to use Locdesk 0.2.0. It also installs when you quit.');
    expect(r.installer.installOnQuit.at(-1)).toBe(true);
    expect(r.scheduler.pending()).toEqual([]);
    r.service.restartToUpdate();
    expect(r.installer.restarts).toBe(1);
  });

  it.each([
    ['the same version', '0.2.0', '0.2.0'],
    ['an older version', '0.3.0', '0.2.0'],
    ['a prerelease on a stable installation', '0.2.0', '0.3.0-beta.1'],
  ])('skips %s', async (_name, current, published) => {
    const r = await rig({ current, published });
    r.scheduler.advance(firstCheckDelayMs);
    await r.until('idle');
    await vi.waitFor(() => expect(r.service.state().lastCheckedAt).not.toBeNull());
    expect(r.installer.downloads).toEqual([]);
    expect(r.service.state().availableVersion).toBeNull();
  });

  it('follows the beta channel on a prerelease installation', async () => {
    const r = await rig({ current: '0.3.0-beta.1', published: '0.3.0-beta.2' });
    r.scheduler.advance(firstCheckDelayMs);
    await r.until('downloading');
    expect(r.installer.downloads).toEqual(['0.3.0-beta.2']);
  });

  it('treats a failed download like a failed check', async () => {
    const r = await rig();
    r.scheduler.advance(firstCheckDelayMs);
    await r.until('downloading');
    r.installer.finish(new Error('sha512 checksum mismatch'));
    await r.until('failed');
    expect(r.scheduler.pending()).toEqual([firstRetryDelayMs]);
    expect(r.installer.installOnQuit).not.toContain(true);
  });

  it('refuses a restart before an update is ready', async () => {
    const r = await rig();
    expect(() => r.service.restartToUpdate()).toThrow('No update is ready to install yet.');
    expect(r.installer.restarts).toBe(0);
  });
});

describe('UpdateService: what it never does', () => {
  it.each(['demo', 'development'] as const)('never asks the server anything in %s mode', async (mode) => {
    const r = await rig({ mode });
    r.scheduler.advance(24 * checkIntervalMs);
    expect(r.checks()).toBe(0);
    expect(r.service.state()).toMatchObject({ status: 'disabled', disabledReason: mode });
  });

  it('is off where the build cannot update itself, and says why', async () => {
    const r = await rig({ edge: { unsupportedReason: 'This Linux package cannot update itself; install the AppImage or the .deb.' } });
    r.scheduler.advance(checkIntervalMs);
    expect(r.checks()).toBe(0);
    expect(r.service.state()).toMatchObject({ status: 'disabled', disabledReason: 'unsupported', message: 'This Linux package cannot update itself; install the AppImage or the .deb.' });
  });

  it('is off for a build made without an update feed', async () => {
    const r = await rig({ edge: { feedUrl: null } });
    r.scheduler.advance(checkIntervalMs);
    expect(r.checks()).toBe(0);
    expect(r.service.state().disabledReason).toBe('unsupported');
  });

  it('follows the setting: off asks nothing and cancels install-on-quit, on checks again', async () => {
    const r = await rig();
    r.scheduler.advance(firstCheckDelayMs);
    await r.until('downloading');
    r.installer.finish();
    await r.until('ready');
    r.setting = false;
    r.service.settingsChanged();
    expect(r.service.state()).toMatchObject({ status: 'disabled', disabledReason: 'setting', availableVersion: null });
    expect(r.installer.installOnQuit.at(-1)).toBe(false);
    r.scheduler.advance(24 * checkIntervalMs);
    expect(r.checks()).toBe(1);
    r.setting = true;
    r.service.settingsChanged();
    r.scheduler.advance(firstCheckDelayMs);
    await vi.waitFor(() => expect(r.checks()).toBe(2));
  });

  it('does not check while a sync runs, and checks as soon as it ends', async () => {
    const r = await rig();
    const release = r.busy.hold('sync');
    r.scheduler.advance(firstCheckDelayMs + checkIntervalMs);
    expect(r.checks()).toBe(0);
    release();
    await r.until('downloading');
    expect(r.checks()).toBe(1);
  });

  it('holds a restart while edits are being pushed, then restarts once', async () => {
    const r = await rig();
    r.scheduler.advance(firstCheckDelayMs);
    await r.until('downloading');
    r.installer.finish();
    await r.until('ready');
    const release = r.busy.hold('push');
    const state = r.service.restartToUpdate();
    expect(state.restartPending).toBe(true);
    expect(state.message).toBe('Locdesk 0.2.0 installs as soon as the running sync has finished.');
    expect(r.installer.restarts).toBe(0);
    release();
    expect(r.installer.restarts).toBe(1);
    expect(r.service.state().restartPending).toBe(false);
  });

  it('stops checking once stopped', async () => {
    const r = await rig();
    r.service.stop();
    r.scheduler.advance(24 * checkIntervalMs);
    expect(r.checks()).toBe(0);
  });
});
