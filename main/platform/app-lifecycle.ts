/**
 * The app's life from launch to quit, with every Electron-only dependency of the core handed in from outside.
 *
 * Order matters in Electron: the `app:` scheme must be declared before `ready`; `safeStorage`, `net`, `screen` and
 * the protocol handler are only usable after it; and quitting must wait for the core to close the database and
 * cancel sync, or a write could be cut in half. `main/index.ts`, the composition root, supplies the concrete core
 * and stores, and the two layers above this one (the window, main/window.ts, and IPC, main/ipc) as plain functions:
 * platform code never imports them, so layers point one way (a lint rule keeps it so). That also keeps this module
 * testable with a mocked Electron and a fake core.
 */
import { isAbsolute, join } from 'node:path';
import { app, dialog, net, powerMonitor, session, type BrowserWindow, type Session, type WebContents } from 'electron';
import type { AppCore, AppCoreDependencies } from '../core/app-core';
import { loadConfig, readSettingsFile } from '../core/config';
import { consoleSink, createLogger, Redactor, type Logger } from '../core/log';
import { originOf } from '../core/link-policy';
import type { Cipher, FetchFunction, KeyValueStore } from '../core/ports';
import type { UpdateEdge } from '../core/updates/ports';
import { appEntryUrl, appOrigin, handleAppProtocol, registerAppScheme } from './app-protocol';
import { ElectronClipboard } from './clipboard';
import { ElectronConfirmationPrompt } from './confirmation-dialog';
import { ElectronSaveDialog } from './save-dialog';
import { ExternalLinkOpener } from './external-links';
import { ElectronNetworkSignal } from './network-signal';
import { WindowStateStore } from './window-state';

/** The settings file users (or administrators) can put in the user-data folder; see the README's configuration table. */
export const settingsFileName = 'locdesk.config.json';
/** Set by `npm run dev` to the Vite dev server; ignored by packaged builds. */
export const devServerVariable = 'LOCDESK_DEV_SERVER_URL';
/**
 * An absolute folder to use instead of the OS default user-data folder: isolated profiles for the `_electron`
 * tests, or a portable install. It also scopes the single-instance lock, so a test app never hands off to the
 * user's running Locdesk.
 */
export const userDataVariable = 'LOCDESK_USER_DATA_DIR';
/** How long quitting waits for the core to close before giving up on it. */
const closeTimeoutMs = 5_000;

/** What the lifecycle asks the window layer to open: the app window, with the page policy it enforces. */
export interface WindowRequest {
  /** Origins the page may be on: `app://locdesk`, plus the Vite dev server in development. */
  readonly trustedOrigins: readonly string[];
  readonly links: ExternalLinkOpener;
  readonly logger: Logger;
  readonly placement: WindowStateStore;
  /** Absolute path of the bundled preload (`out/preload/index.cjs`). */
  readonly preloadPath: string;
  /** `app://locdesk/index.html` in production, the dev server URL in development. */
  readonly entryUrl: string;
  readonly developmentTools: boolean;
}

/** What the lifecycle asks the IPC layer to connect: the core to the one app window. */
export interface IpcConnection {
  readonly core: AppCore;
  /** Who may call: the window's `webContents.id` (null while there is none) showing one of these origins. */
  readonly trusted: { readonly webContentsId: () => number | null; readonly origins: readonly string[] };
  /** Where events go: the window's webContents, or null while there is none. */
  readonly eventTarget: () => WebContents | null;
  readonly logger: Logger;
}

/** The layers above platform code, handed in by the composition root rather than imported from here. */
export interface AppEdge {
  /** Denies every permission request on a session (main/window.ts `hardenSession`). */
  readonly hardenSession: (target: Session) => void;
  /** Opens the app window (main/window.ts `createMainWindow`). */
  readonly openWindow: (request: WindowRequest) => BrowserWindow;
  /** Connects the core to the window over IPC; `dispose` undoes it on quit (main/ipc `registerIpc`). */
  readonly connectIpc: (connection: IpcConnection) => { dispose(): void };
}

/** The concrete pieces only the composition root knows. */
export interface LifecycleOptions {
  readonly createCore: (dependencies: AppCoreDependencies) => Promise<AppCore>;
  /** The safeStorage-backed cipher; created after `ready` because safeStorage is unusable before it. */
  readonly createCipher: () => Cipher;
  /** Opens a named persistent key-value store in the user-data folder (electron-store). */
  readonly openStore: (name: string) => KeyValueStore;
  /** Credentials baked into a packaged build; the lowest-priority source, below the settings file and environment. */
  readonly buildCredentials: { readonly clientId: string; readonly clientSecret: string };
  /** The folder of the main bundle (`out/main`); the preload and renderer sit beside it. */
  readonly bundleFolder: string;
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** The window and IPC layers. */
  readonly edge: AppEdge;
  /** The automatic-update edge (electron-updater); absent, the core reports updates as unsupported. */
  readonly createUpdates?: (logger: Logger) => UpdateEdge;
}

/** What a started app exposes, for the tests and for quitting. */
export interface RunningApp {
  readonly core: AppCore;
  readonly logger: Logger;
  readonly trustedOrigins: readonly string[];
  window(): BrowserWindow | null;
}

/** net.fetch (system proxy and trust store) shaped as the core's FetchFunction; net.fetch does not take URL objects. */
export const electronFetch: FetchFunction = (input, init) => net.fetch(input instanceof URL ? input.toString() : input, init);

function withBuildCredentials(
  fileValues: Record<string, string>,
  build: LifecycleOptions['buildCredentials'],
): Record<string, string> {
  const merged: Record<string, string> = {};
  if (build.clientId !== '') merged.clientId = build.clientId;
  if (build.clientSecret !== '') merged.clientSecret = build.clientSecret;
  return { ...merged, ...fileValues };
}

/** The dev server origin, only for unpackaged runs that `npm run dev` started. */
function developmentServer(environment: LifecycleOptions['environment']): string | null {
  const url = environment[devServerVariable];
  if (app.isPackaged || url === undefined || url === '') return null;
  return originOf(url) === null ? null : url;
}

function focus(window: BrowserWindow | null): void {
  if (window === null || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

async function start(options: LifecycleOptions, redactor: Redactor, logger: Logger): Promise<RunningApp> {
  const userData = app.getPath('userData');
  const settingsFile = readSettingsFile(join(userData, settingsFileName));
  const loaded = loadConfig(options.environment, withBuildCredentials(settingsFile.values, options.buildCredentials));
  const configProblem = [settingsFile.problem, loaded.problem].filter((text) => text !== null).join(' ') || null;
  redactor.addSecret(loaded.config.clientSecret);
  const devServer = developmentServer(options.environment);
  const trustedOrigins = devServer === null ? [appOrigin] : [appOrigin, originOf(devServer) ?? appOrigin];

  handleAppProtocol(join(options.bundleFolder, '..', 'renderer'));
  options.edge.hardenSession(session.defaultSession);
  const links = new ExternalLinkOpener(loaded.config.authUrl);
  let window: BrowserWindow | null = null;
  const liveWindow = (): BrowserWindow | null => (window === null || window.isDestroyed() ? null : window);
  const core = await options.createCore({
    config: loaded.config,
    configProblem,
    dataFolder: join(userData, 'library'),
    fetch: electronFetch,
    cipher: options.createCipher(),
    tokenStore: options.openStore('tokens'),
    settingsStore: options.openStore('settings'),
    confirmation: new ElectronConfirmationPrompt(liveWindow),
    saveDialog: new ElectronSaveDialog(liveWindow),
    browser: links,
    clipboard: new ElectronClipboard((error) => logger.warn('Could not write to the clipboard', { error })),
    logger,
    redactor,
    appVersion: app.getVersion(),
    updates: options.createUpdates?.(logger),
    network: new ElectronNetworkSignal(),
  });

  const ipc = options.edge.connectIpc({
    core,
    trusted: { webContentsId: () => liveWindow()?.webContents.id ?? null, origins: trustedOrigins },
    eventTarget: () => liveWindow()?.webContents ?? null,
    logger,
  });
  const placement = new WindowStateStore(options.openStore('window-state'));
  const openWindow = (): void => {
    window = options.edge.openWindow({
      trustedOrigins,
      links,
      logger,
      placement,
      preloadPath: join(options.bundleFolder, '..', 'preload', 'index.cjs'),
      entryUrl: devServer ?? appEntryUrl,
      developmentTools: devServer !== null,
    });
    window.on('closed', () => {
      window = null;
    });
  };
  openWindow();

  app.on('second-instance', () => focus(liveWindow()));
  app.on('activate', () => {
    if (liveWindow() === null) openWindow();
  });
  powerMonitor.on('resume', () => core.handleWake());
  installQuit(core, ipc, logger);
  logger.info('Locdesk started', { version: app.getVersion(), mode: loaded.config.mode, origins: trustedOrigins.join(',') });
  return { core, logger, trustedOrigins, window: liveWindow };
}

/** Holds the quit until the core has closed (or the timeout passed), so the library is never left half-written. */
function installQuit(core: AppCore, ipc: { dispose(): void }, logger: Logger): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    ipc.dispose();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        logger.warn('The core did not close in time; quitting anyway');
        resolve();
      }, closeTimeoutMs);
    });
    Promise.race([core.close(), timeout])
      .catch((error: unknown) => logger.error('Closing the core failed', { error }))
      .finally(() => {
        clearTimeout(timer);
        state = 'closed';
        app.quit();
      });
  });
}

/**
 * Starts Locdesk: claims the single-instance lock (a second launch focuses the first window and exits), then builds
 * everything once Electron is ready. Resolves with the running app, or null when another instance owns the lock.
 */
export async function startLocdesk(options: LifecycleOptions): Promise<RunningApp | null> {
  registerAppScheme();
  const userDataOverride = options.environment[userDataVariable];
  if (userDataOverride !== undefined && isAbsolute(userDataOverride)) app.setPath('userData', userDataOverride);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  const redactor = new Redactor();
  const logger = createLogger(consoleSink(developmentServer(options.environment) === null ? 'info' : 'debug'), redactor);
  await app.whenReady();
  try {
    return await start(options, redactor, logger);
  } catch (error) {
    logger.error('Startup failed', { error });
    dialog.showErrorBox('Locdesk could not start', 'Locdesk could not start. Please try again, or reinstall the app if this keeps happening.');
    app.exit(1);
    return null;
  }
}
