import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger, Redactor } from './core/log';
import { MemoryKeyValueStore } from '../test/support/memory-ports';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  class FakeWebContents {
    public readonly listeners = new Map<string, Listener[]>();
    public openHandler: ((details: { url: string }) => { action: string }) | null = null;
    public on(name: string, listener: Listener): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    public setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
      this.openHandler = handler;
    }
    public emit(name: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }
  class FakeBrowserWindow {
    public static readonly created: FakeBrowserWindow[] = [];
    public readonly webContents = new FakeWebContents();
    public readonly windowListeners = new Map<string, Listener>();
    public readonly loadURL = vi.fn(() => Promise.resolve());
    public readonly show = vi.fn();
    public readonly maximize = vi.fn();
    public normalBounds = { x: 40, y: 30, width: 1000, height: 700 };
    public maximized = false;
    public constructor(public readonly options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    public on(name: string, listener: Listener): this {
      this.windowListeners.set(name, listener);
      return this;
    }
    public once(name: string, listener: Listener): this {
      return this.on(name, listener);
    }
    public getNormalBounds(): { x: number; y: number; width: number; height: number } {
      return this.normalBounds;
    }
    public isMaximized(): boolean {
      return this.maximized;
    }
  }
  const primary = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } };
  return {
    FakeWebContents,
    BrowserWindow: FakeBrowserWindow,
    screen: { getPrimaryDisplay: () => primary, getAllDisplays: () => [primary] },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
  };
});
vi.mock('electron', () => electron);

const { createMainWindow, hardenSession, hardenWebContents, secureWebPreferences } = await import('./window');
const { ExternalLinkOpener } = await import('./platform/external-links');
const { WindowStateStore } = await import('./platform/window-state');

const logLines: string[] = [];
const logger = createLogger((level, line) => logLines.push(`${level} ${line}`), new Redactor(), 'test');
const links = new ExternalLinkOpener('https://app.lokalise.com/oauth2/auth');
const policy = { trustedOrigins: ['app://locdesk'], links, logger };

function hardened(): InstanceType<typeof electron.FakeWebContents> {
  const contents = new electron.FakeWebContents();
  hardenWebContents(contents as unknown as Electron.WebContents, policy);
  return contents;
}

function navigationEvent(url: string): { url: string; preventDefault: ReturnType<typeof vi.fn> } {
  return { url, preventDefault: vi.fn() };
}

beforeEach(() => {
  vi.clearAllMocks();
  logLines.length = 0;
  electron.BrowserWindow.created.length = 0;
});

describe('webPreferences', () => {
  const preferences = secureWebPreferences('/app/out/preload/index.cjs', false);

  it('isolates the page: context isolation, sandbox, no Node anywhere', () => {
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('keeps web security on and experimental or insecure features off', () => {
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.experimentalFeatures).toBe(false);
    expect(preferences.webviewTag).toBe(false);
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('offers DevTools only in development', () => {
    expect(preferences.devTools).toBe(false);
    expect(secureWebPreferences('/p', true).devTools).toBe(true);
  });
});

describe('navigation', () => {
  it.each(['will-navigate', 'will-frame-navigate'])('%s stays allowed within the app origin', (name) => {
    const contents = hardened();
    const event = navigationEvent('app://locdesk/index.html');
    contents.emit(name, event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it.each(['will-navigate', 'will-frame-navigate'])('%s away from the app is blocked', (name) => {
    const contents = hardened();
    const event = navigationEvent('https://attacker.example/phish');
    contents.emit(name, event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(logLines.some((line) => line.includes('Blocked a link') && line.includes('https://attacker.example'))).toBe(true);
  });

  it('a blocked navigation to a Lokalise page opens it in the system browser instead', () => {
    const contents = hardened();
    const event = navigationEvent('https://docs.lokalise.com/en/');
    contents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://docs.lokalise.com/en/');
  });

  it('redirects away from the app are blocked and never opened', () => {
    const contents = hardened();
    const event = navigationEvent('https://app.lokalise.com/');
    contents.emit('will-redirect', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('a <webview> can never be attached', () => {
    const contents = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, { preload: '/evil.js' }, { src: 'app://locdesk/' });
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('new windows', () => {
  it('are always denied; an allowlisted https link goes to the system browser', () => {
    const contents = hardened();
    expect(contents.openHandler?.({ url: 'https://app.lokalise.com/project/1/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://app.lokalise.com/project/1/');
  });

  it.each(['https://attacker.example/', 'http://app.lokalise.com/', 'file:///etc/passwd', 'app://locdesk/index.html'])(
    'are denied and %s is not opened anywhere',
    (url) => {
      const contents = hardened();
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
      expect(electron.shell.openExternal).not.toHaveBeenCalled();
    },
  );
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    hardenSession(session as unknown as Electron.Session);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (c: unknown, p: string, callback: (granted: boolean) => void) => void;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (c: unknown, p: string, origin: string) => boolean;
    expect(check({}, 'media', 'app://locdesk')).toBe(false);
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (details: unknown) => boolean;
    expect(device({ deviceType: 'usb' })).toBe(false);
  });
});

describe('createMainWindow', () => {
  function create(backing = new MemoryKeyValueStore()) {
    const window = createMainWindow({
      ...policy,
      preloadPath: '/app/out/preload/index.cjs',
      entryUrl: 'app://locdesk/index.html',
      developmentTools: false,
      placement: new WindowStateStore(backing),
    });
    return { window: window as unknown as InstanceType<typeof electron.BrowserWindow>, backing };
  }

  it('creates a hidden, hardened window with the secure preferences and loads the app', () => {
    const { window } = create();
    expect(window.options).toMatchObject({ show: false, webPreferences: secureWebPreferences('/app/out/preload/index.cjs', false) });
    expect(window.loadURL).toHaveBeenCalledWith('app://locdesk/index.html');
    expect(window.webContents.listeners.has('will-navigate')).toBe(true);
    expect(window.webContents.openHandler).not.toBeNull();
    window.windowListeners.get('ready-to-show')?.();
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('saves its placement on close and restores it next time', () => {
    const first = create();
    first.window.normalBounds = { x: 200, y: 100, width: 1100, height: 760 };
    first.window.maximized = true;
    first.window.windowListeners.get('close')?.();
    const second = create(first.backing);
    expect(second.window.options).toMatchObject({ x: 200, y: 100, width: 1100, height: 760 });
    expect(second.window.maximize).toHaveBeenCalledOnce();
  });

  it('lets Electron centre the first window (no saved position)', () => {
    const { window } = create();
    expect(window.options).not.toHaveProperty('x');
    expect(window.options).toMatchObject({ width: 1280, height: 820 });
  });
});
