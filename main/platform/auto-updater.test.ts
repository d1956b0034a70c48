import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { recordingLogger } from '../../test/support/core/lokalise-stub';
import type { UpdaterLike } from './auto-updater';

vi.mock('electron', async () => (await import('../../test/support/electron/electron-fake')).sharedElectronFake);
const { ElectronUpdateInstaller, unsupportedReason } = await import('./auto-updater');

/** electron-updater's autoUpdater as far as the adapter uses it, recording what it was told. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  public autoDownload = true;
  public autoInstallOnAppQuit = true;
  public allowPrerelease = true;
  public allowDowngrade = true;
  public logger: UpdaterLike['logger'] = null;
  public feeds: unknown[] = [];
  public offered = '0.2.0';
  public installs: [boolean | undefined, boolean | undefined][] = [];

  public setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(options);
  }

  public checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } }> {
    return Promise.resolve({ isUpdateAvailable: this.offered !== '0.1.0', updateInfo: { version: this.offered } });
  }

  public downloadUpdate(): Promise<string[]> {
    this.emit('download-progress', { percent: 50 });
    this.emit('download-progress', { percent: 100 });
    return Promise.resolve(['/tmp/Locdesk-0.2.0.AppImage']);
  }

  public quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

describe('ElectronUpdateInstaller', () => {
  it('does not load electron-updater until the core asks for something', () => {
    let created = 0;
    const installer = new ElectronUpdateInstaller(() => {
      created += 1;
      return new FakeUpdater();
    }, 'https://example.test/', recordingLogger().logger);
    installer.setInstallOnQuit(false);
    expect(created).toBe(0);
    installer.setInstallOnQuit(true);
    installer.setInstallOnQuit(true);
    expect(created).toBe(1);
  });

  it('leaves every decision to the core: no automatic download, no install on quit, no prereleases or downgrades', async () => {
    const updater = new FakeUpdater();
    await new ElectronUpdateInstaller(() => updater, 'https://example.test/releases/latest/download/', recordingLogger().logger).download('0.2.0', () => undefined);
    expect(updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, allowPrerelease: false, allowDowngrade: false });
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://example.test/releases/latest/download/' }]);
  });

  it('downloads the version the core chose and reports progress, then stops listening', async () => {
    const updater = new FakeUpdater();
    const installer = new ElectronUpdateInstaller(() => updater, 'https://example.test/', recordingLogger().logger);
    const progress: number[] = [];
    await installer.download('0.2.0', (percent) => progress.push(percent));
    expect(progress).toEqual([50, 100]);
    expect(updater.listenerCount('download-progress')).toBe(0);
  });

  it('refuses to download when the feed changed between the core’s check and its own', async () => {
    const updater = new FakeUpdater();
    updater.offered = '0.3.0';
    const installer = new ElectronUpdateInstaller(() => updater, 'https://example.test/', recordingLogger().logger);
    await expect(installer.download('0.2.0', () => undefined)).rejects.toThrow('no longer offers 0.2.0');
  });

  it('installs on quit only when told, and restarts into the new version', () => {
    const updater = new FakeUpdater();
    const installer = new ElectronUpdateInstaller(() => updater, 'https://example.test/', recordingLogger().logger);
    installer.setInstallOnQuit(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    installer.restartAndInstall();
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('sends electron-updater’s own log lines to the app log', () => {
    const updater = new FakeUpdater();
    const { logger, lines } = recordingLogger();
    new ElectronUpdateInstaller(() => updater, 'https://example.test/', logger).setInstallOnQuit(true);
    updater.logger?.info('Checking for update');
    expect(lines).toEqual(['updater {"message":"Checking for update"}']);
  });
});

describe('unsupportedReason', () => {
  it('accepts packaged Windows and macOS builds', () => {
    expect(unsupportedReason({ isPackaged: true, platform: 'win32', appImagePath: undefined, packageType: null })).toBeNull();
    expect(unsupportedReason({ isPackaged: true, platform: 'darwin', appImagePath: undefined, packageType: null })).toBeNull();
  });

  it('accepts the AppImage and the .deb on Linux, and names what is missing otherwise', () => {
    expect(unsupportedReason({ isPackaged: true, platform: 'linux', appImagePath: '/home/t/Locdesk.AppImage', packageType: null })).toBeNull();
    expect(unsupportedReason({ isPackaged: true, platform: 'linux', appImagePath: undefined, packageType: 'deb' })).toBeNull();
    expect(unsupportedReason({ isPackaged: true, platform: 'linux', appImagePath: undefined, packageType: null })).toContain('AppImage or the .deb');
  });

  it('refuses unpackaged runs', () => {
    expect(unsupportedReason({ isPackaged: false, platform: 'win32', appImagePath: undefined, packageType: null })).toContain('installed copies');
  });
});
