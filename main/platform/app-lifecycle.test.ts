import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppCoreDependencies } from '../core/app-core';
import { listCalls } from '../../common/contract';
import { MemoryCipher, MemoryKeyValueStore } from '../../test/support/memory-ports';
import { createFakeCore, type FakeCore } from '../../test/support/electron/fake-core';
import { FakeBrowserWindow, resetElectronFake, type ElectronFake } from '../../test/support/electron/electron-fake';

vi.mock('electron', async () => (await import('../../test/support/electron/electron-fake')).sharedElectronFake);

const { startLocdesk, devServerVariable, settingsFileName, userDataVariable } = await import('./app-lifecycle');
// The real window and IPC layers, over the mocked Electron, handed in as the composition root (main/index.ts) does.
const { registerIpc } = await import('../ipc');
const { createMainWindow, hardenSession } = await import('../window');
const edge = { hardenSession, openWindow: createMainWindow, connectIpc: registerIpc };

let userData: string;
let electron: ElectronFake;
let core: FakeCore;
let received: AppCoreDependencies | null;
let stores: Map<string, MemoryKeyValueStore>;

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'locdesk-lifecycle-'));
  electron = resetElectronFake(userData);
  core = createFakeCore();
  received = null;
  stores = new Map();
  FakeBrowserWindow.created.length = 0;
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  rmSync(userData, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function start(environment: Record<string, string> = {}, build = { clientId: '', clientSecret: '' }) {
  return startLocdesk({
    createCore: (dependencies) => {
      received = dependencies;
      return Promise.resolve(core);
    },
    createCipher: () => new MemoryCipher(),
    openStore: (name) => {
      const store = stores.get(name) ?? new MemoryKeyValueStore();
      stores.set(name, store);
      return store;
    },
    buildCredentials: build,
    bundleFolder: '/opt/locdesk/out/main',
    environment,
    edge,
  });
}

describe('single instance', () => {
  it('a second launch quits at once, before building anything', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(await start()).toBeNull();
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(received).toBeNull();
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('the first instance restores and focuses its window when a second launch happens', async () => {
    await start();
    const window = FakeBrowserWindow.created[0];
    if (window === undefined) throw new Error('no window');
    window.minimized = true;
    electron.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('moves userData to LOCDESK_USER_DATA_DIR before taking the lock, so test profiles never hand off to the real app', async () => {
    electron.app.getPath.mockImplementation((name: string) => (name === 'userData' ? join(userData, 'isolated') : userData));
    await start({ [userDataVariable]: join(userData, 'isolated') });
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', join(userData, 'isolated'));
    const setOrder = electron.app.setPath.mock.invocationCallOrder[0] ?? Infinity;
    expect(setOrder).toBeLessThan(electron.app.requestSingleInstanceLock.mock.invocationCallOrder[0] ?? -Infinity);
    expect(received?.dataFolder).toBe(join(userData, 'isolated', 'library'));
  });

  it('ignores a relative LOCDESK_USER_DATA_DIR', async () => {
    await start({ [userDataVariable]: 'profile' });
    expect(electron.app.setPath).not.toHaveBeenCalled();
  });

  it('declares the app: scheme before ready, as Electron requires', async () => {
    await start();
    const schemeOrder = electron.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0] ?? Infinity;
    const readyOrder = electron.app.whenReady.mock.invocationCallOrder[0] ?? -Infinity;
    expect(schemeOrder).toBeLessThan(readyOrder);
  });
});

describe('startup', () => {
  it('hands the core net.fetch, the stores, a data folder under userData and a link-checked browser', async () => {
    await start();
    expect(received?.dataFolder).toBe(join(userData, 'library'));
    expect(received?.tokenStore).toBe(stores.get('tokens'));
    expect(received?.settingsStore).toBe(stores.get('settings'));
    expect(received?.appVersion).toBe('1.2.3');
    await received?.fetch(new URL('https://api.lokalise.com/api2/projects'));
    expect(electron.net.fetch).toHaveBeenCalledWith('https://api.lokalise.com/api2/projects', undefined);
    await expect(received?.browser.open('https://attacker.example/')).rejects.toMatchObject({ code: 'link.not_allowed' });
  });

  it('hands the core the update edge the composition root built, with the app logger', async () => {
    const installer = { download: () => Promise.resolve(), setInstallOnQuit: () => undefined, restartAndInstall: () => undefined };
    const updateEdge = { feedUrl: 'https://example.test/feed/', unsupportedReason: null, platform: 'linux' as const, arch: 'x64', installer };
    let givenLogger: unknown = null;
    const running = await startLocdesk({
      createCore: (dependencies) => {
        received = dependencies;
        return Promise.resolve(core);
      },
      createCipher: () => new MemoryCipher(),
      openStore: () => new MemoryKeyValueStore(),
      buildCredentials: { clientId: '', clientSecret: '' },
      bundleFolder: '/opt/locdesk/out/main',
      environment: {},
      edge,
      createUpdates: (logger) => {
        givenLogger = logger;
        return updateEdge;
      },
    });
    expect(received?.updates).toBe(updateEdge);
    expect(givenLogger).toBe(running?.logger);
  });

  it('starts without an update edge when none is given', async () => {
    await start();
    expect(received?.updates).toBeUndefined();
  });

  it('hands the core main’s own confirmation dialog, modal to the app window', async () => {
    await start();
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await received?.confirmation.confirm({ title: 't', message: 'm', detail: 'd', confirmLabel: 'Yes', cancelLabel: 'No' })).toBe(true);
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(FakeBrowserWindow.created[0], expect.objectContaining({ buttons: ['No', 'Yes'], cancelId: 0 }));
  });

  it('takes credentials from the environment first, then the settings file, then the build', async () => {
    writeFileSync(join(userData, settingsFileName), JSON.stringify({ clientSecret: 'file-secret-12345' }));
    await start({ LOCDESK_CLIENT_ID: 'env-id' }, { clientId: 'build-id', clientSecret: 'build-secret-12345' });
    expect(received?.config.clientId).toBe('env-id');
    expect(received?.config.clientSecret).toBe('file-secret-12345');
    expect(received?.configProblem).toBeNull();
  });

  it('uses build-time credentials when nothing else provides them', async () => {
    await start({}, { clientId: 'build-id', clientSecret: 'build-secret-12345' });
    expect(received?.config).toMatchObject({ clientId: 'build-id', clientSecret: 'build-secret-12345' });
  });

  it('reports a broken settings file and missing credentials as a configuration problem, and still starts', async () => {
    writeFileSync(join(userData, settingsFileName), '{ not json');
    const running = await start();
    expect(running).not.toBeNull();
    expect(received?.configProblem).toContain('is not valid JSON');
    expect(received?.configProblem).toContain('LOCDESK_CLIENT_ID');
  });

  it('registers the client secret with the redactor so no log line can contain it', async () => {
    await start({}, { clientId: 'id', clientSecret: 'build-secret-12345' });
    expect(received?.redactor.redact('secret is build-secret-12345')).toBe('secret is [redacted]');
  });

  it('wires every contract call to ipcMain and opens one hardened window on app://locdesk', async () => {
    const running = await start();
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(listCalls().length);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const window = FakeBrowserWindow.created[0];
    expect(window?.loadURL).toHaveBeenCalledWith('app://locdesk/index.html');
    expect(window?.options).toMatchObject({
      webPreferences: expect.objectContaining({ preload: '/opt/locdesk/out/preload/index.cjs', sandbox: true, devTools: false }),
    });
    expect(running?.trustedOrigins).toEqual(['app://locdesk']);
  });

  it('in development loads the Vite dev server, trusts its origin and allows DevTools', async () => {
    const running = await start({ [devServerVariable]: 'http://127.0.0.1:5173/' });
    expect(FakeBrowserWindow.created[0]?.loadURL).toHaveBeenCalledWith('http://127.0.0.1:5173/');
    expect(running?.trustedOrigins).toEqual(['app://locdesk', 'http://127.0.0.1:5173']);
    expect(FakeBrowserWindow.created[0]?.options).toMatchObject({ webPreferences: expect.objectContaining({ devTools: true }) });
  });

  it('a packaged build ignores the dev server variable', async () => {
    electron.app.isPackaged = true;
    const running = await start({ [devServerVariable]: 'http://127.0.0.1:5173/' });
    expect(FakeBrowserWindow.created[0]?.loadURL).toHaveBeenCalledWith('app://locdesk/index.html');
    expect(running?.trustedOrigins).toEqual(['app://locdesk']);
  });

  it('forwards core events to the window', async () => {
    await start();
    core.events.emit({ domain: 'app', name: 'onLibraryChanged', payload: { projectIds: ['1.a'] } });
    expect(FakeBrowserWindow.created[0]?.webContents.sent).toEqual([{ channel: 'app:library-changed', payload: { projectIds: ['1.a'] } }]);
  });

  it('shows a plain error and exits when the core cannot be built', async () => {
    const running = await startLocdesk({
      createCore: () => Promise.reject(new Error('database is locked by /home/someone')),
      createCipher: () => new MemoryCipher(),
      openStore: () => new MemoryKeyValueStore(),
      buildCredentials: { clientId: '', clientSecret: '' },
      bundleFolder: '/opt/locdesk/out/main',
      environment: {},
      edge,
    });
    expect(running).toBeNull();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledOnce();
    expect(JSON.stringify(electron.dialog.showErrorBox.mock.calls)).not.toContain('/home/someone');
    expect(electron.app.exit).toHaveBeenCalledWith(1);
  });
});

describe('while running', () => {
  it('tells the core when the machine wakes from sleep', async () => {
    await start();
    electron.powerMonitor.emit('resume');
    expect(core.wakeCount).toBe(1);
  });

  it('reopens a window on macOS "activate" when none is open', async () => {
    await start();
    FakeBrowserWindow.created[0]?.close();
    electron.app.emit('activate');
    expect(FakeBrowserWindow.created).toHaveLength(2);
  });

  it('quits when the last window closes, except on macOS', async () => {
    await start();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });
});

describe('quitting', () => {
  it('holds the quit until the core has closed, then quits for real; IPC is unregistered first', async () => {
    let finishClose: () => void = () => undefined;
    core.close = () => {
      core.closeCount += 1;
      return new Promise<void>((resolve) => {
        finishClose = resolve;
      });
    };
    await start();
    const first = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalledOnce();
    expect(core.closeCount).toBe(1);
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledTimes(listCalls().length);
    const impatient = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', impatient);
    expect(impatient.preventDefault).toHaveBeenCalledOnce();
    expect(core.closeCount).toBe(1);
    expect(electron.app.quit).not.toHaveBeenCalled();
    finishClose();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledOnce());
    const final = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', final);
    expect(final.preventDefault).not.toHaveBeenCalled();
  });

  it('still quits when closing the core fails', async () => {
    core.close = () => Promise.reject(new Error('disk gone'));
    await start();
    electron.app.emit('will-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledOnce());
  });

  it('gives up waiting for a core that never closes', async () => {
    vi.useFakeTimers();
    try {
      core.close = () => new Promise<void>(() => undefined);
      await start();
      electron.app.emit('will-quit', { preventDefault: vi.fn() });
      await vi.advanceTimersByTimeAsync(5_000);
      expect(electron.app.quit).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });
});
