/**
 * The thin Electron side of automatic updates: electron-updater downloads and installs what the core's
 * UpdateService decided to take (main/core/updates/). Nothing is decided here.
 *
 * electron-updater reads the same feed the core read (`setFeedURL` with the build's feed folder, the generic
 * provider), verifies the SHA-512 the metadata lists, and on quit runs the platform's installer: NSIS on Windows,
 * Squirrel.Mac with the zip (signed builds only), the AppImage swap or `dpkg -i` (through pkexec) on Linux.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { Logger } from '../core/log';
import type { UpdateEdge, UpdateInstaller } from '../core/updates/ports';

/** The part of electron-updater's `autoUpdater` used here; tests pass a fake with the same shape. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'download-progress', listener: (info: { percent: number }) => void): unknown;
  removeListener(event: 'download-progress', listener: (info: { percent: number }) => void): unknown;
}

/**
 * The installer over electron-updater. The updater is created and configured on first use, so a copy whose updates
 * are off (the demo, the setting) never loads electron-updater's platform updater at all.
 */
export class ElectronUpdateInstaller implements UpdateInstaller {
  private updater: UpdaterLike | null = null;

  public constructor(
    private readonly createUpdater: () => UpdaterLike,
    private readonly feedUrl: string,
    private readonly logger: Logger,
  ) {}

  public async download(version: string, onProgress: (percent: number) => void): Promise<void> {
    const updater = this.use();
    const found = await updater.checkForUpdates();
    if (found === null) throw new Error('electron-updater is not active in this build.');
    if (!found.isUpdateAvailable || found.updateInfo.version !== version) {
      throw new Error(`The feed no longer offers ${version} (it offers ${found.updateInfo.version}).`);
    }
    const listener = (info: { percent: number }): void => onProgress(info.percent);
    updater.on('download-progress', listener);
    try {
      await updater.downloadUpdate();
    } finally {
      updater.removeListener('download-progress', listener);
    }
  }

  public setInstallOnQuit(enabled: boolean): void {
    if (!enabled && this.updater === null) return;
    this.use().autoInstallOnAppQuit = enabled;
  }

  public restartAndInstall(): void {
    // Not silent: Windows shows the installer's progress; relaunch Locdesk afterwards everywhere.
    this.use().quitAndInstall(false, true);
  }

  /** The configured updater: nothing downloads or installs unless the core asks. */
  private use(): UpdaterLike {
    if (this.updater !== null) return this.updater;
    const updater = this.createUpdater();
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    // The core already applied these rules; keep electron-updater from contradicting them.
    updater.allowPrerelease = false;
    updater.allowDowngrade = false;
    const logger = this.logger;
    updater.logger = {
      info: (message) => logger.info('updater', { message: String(message) }),
      warn: (message) => logger.warn('updater', { message: String(message) }),
      error: (message) => logger.error('updater', { message: String(message) }),
    };
    updater.setFeedURL({ provider: 'generic', url: this.feedUrl });
    this.updater = updater;
    return updater;
  }
}

/** The facts electron-updater needs to be able to replace this installation, as a reason when they are missing. */
export function unsupportedReason(facts: {
  readonly isPackaged: boolean;
  readonly platform: NodeJS.Platform;
  readonly appImagePath: string | undefined;
  readonly packageType: string | null;
}): string | null {
  if (!facts.isPackaged) return 'Updates come with installed copies of Locdesk; this one runs from a project folder.';
  if (facts.platform !== 'linux') return null;
  if (facts.appImagePath !== undefined && facts.appImagePath !== '') return null;
  if (facts.packageType === 'deb') return null;
  return 'This copy of Locdesk was not installed from the AppImage or the .deb package, so it cannot update itself.';
}

function packageType(): string | null {
  const file = join(process.resourcesPath, 'package-type');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/**
 * The update edge for this process. `feedUrl` is the build's feed folder (empty for builds made without one);
 * electron-updater is only touched when the build can update itself.
 */
export function createElectronUpdateEdge(feedUrl: string, logger: Logger): UpdateEdge {
  const reason = unsupportedReason({
    isPackaged: app.isPackaged,
    platform: process.platform,
    appImagePath: process.env.APPIMAGE,
    packageType: app.isPackaged && process.platform === 'linux' ? packageType() : null,
  });
  const usable = feedUrl !== '' && reason === null;
  const installer: UpdateInstaller = usable
    ? new ElectronUpdateInstaller(() => electronUpdater.autoUpdater, feedUrl, logger)
    : { download: () => Promise.reject(new Error('Updates are off in this build.')), setInstallOnQuit: () => undefined, restartAndInstall: () => undefined };
  return { feedUrl: feedUrl === '' ? null : feedUrl, unsupportedReason: reason, platform: process.platform, arch: process.arch, installer };
}
