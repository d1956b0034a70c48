/**
 * The app window and everything that keeps the page inside it in its box (Electron security checklist items 2-15).
 *
 * The page is trusted with nothing: no Node, its own isolated world, Chromium's sandbox, no permissions, no
 * navigation away from the app's origin, no new windows. Links it tries to open go to the system browser, and only
 * when the link allowlist says so. Each piece is a separate function so the tests can check it against a mocked
 * Electron.
 */
import { BrowserWindow, screen, type Session, type WebContents, type WebPreferences } from 'electron';
import type { Logger } from './core/log';
import { originOf } from './core/link-policy';
import type { ExternalLinkOpener } from './platform/external-links';
import { minimumWindowSize, type WindowStateStore } from './platform/window-state';

/** What the page may reach and how blocked links are handled. */
export interface PagePolicy {
  /** Origins the page may be on: `app://locdesk`, plus the Vite dev server in development. */
  readonly trustedOrigins: readonly string[];
  readonly links: ExternalLinkOpener;
  readonly logger: Logger;
}

/** Everything `createMainWindow` needs. */
export interface MainWindowOptions extends PagePolicy {
  /** Absolute path of the bundled preload (`out/preload/index.cjs`). */
  readonly preloadPath: string;
  /** `app://locdesk/index.html` in production, the dev server URL in development. */
  readonly entryUrl: string;
  /** DevTools are available only in development builds. */
  readonly developmentTools: boolean;
  readonly placement: WindowStateStore;
}

/**
 * The renderer's webPreferences. Defaults that are already safe are still spelled out, so a reader (and the test)
 * can see the whole checklist in one place and a future Electron default change cannot loosen it.
 */
export function secureWebPreferences(preloadPath: string, developmentTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: developmentTools,
  };
}

function isTrustedUrl(url: string, policy: PagePolicy): boolean {
  const origin = originOf(url);
  return origin !== null && policy.trustedOrigins.includes(origin);
}

function openOutside(url: string, policy: PagePolicy): void {
  if (!policy.links.isAllowed(url)) {
    policy.logger.warn('Blocked a link the page tried to open', { origin: originOf(url) ?? 'unparseable' });
    return;
  }
  policy.links.open(url).catch((error: unknown) => {
    policy.logger.warn('The system browser did not open a link', { error });
  });
}

/**
 * Keeps `contents` on the app's own origins: navigation and redirects elsewhere are cancelled (an allowlisted link
 * goes to the system browser instead), `<webview>` cannot be attached, and every `window.open` is denied.
 */
export function hardenWebContents(contents: WebContents, policy: PagePolicy): void {
  const guardNavigation = (event: { url: string; preventDefault(): void }): void => {
    if (isTrustedUrl(event.url, policy)) return;
    event.preventDefault();
    openOutside(event.url, policy);
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-frame-navigate', guardNavigation);
  contents.on('will-redirect', (event) => {
    if (isTrustedUrl(event.url, policy)) return;
    event.preventDefault();
    policy.logger.warn('Blocked a redirect away from the app', { origin: originOf(event.url) ?? 'unparseable' });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, policy);
    return { action: 'deny' };
  });
}

/** Denies every permission request and check (camera, notifications, clipboard-read, geolocation, USB, …). */
export function hardenSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

function workAreas(): Electron.Rectangle[] {
  const primary = screen.getPrimaryDisplay();
  return [primary.workArea, ...screen.getAllDisplays().filter((display) => display.id !== primary.id).map((display) => display.workArea)];
}

/**
 * Creates the one app window where the user left it, shows it once the first paint is ready, and remembers its
 * placement when it closes.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const placement = options.placement.load(workAreas());
  const window = new BrowserWindow({
    ...(placement.x === undefined || placement.y === undefined ? {} : { x: placement.x, y: placement.y }),
    width: placement.width,
    height: placement.height,
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    show: false,
    title: 'Locdesk',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath, options.developmentTools),
  });
  if (placement.maximized) window.maximize();
  hardenWebContents(window.webContents, options);
  window.once('ready-to-show', () => {
    window.show();
  });
  window.on('close', () => {
    options.placement.save(window.getNormalBounds(), window.isMaximized());
  });
  window.loadURL(options.entryUrl).catch((error: unknown) => {
    options.logger.error('The app page did not load', { error });
  });
  return window;
}
