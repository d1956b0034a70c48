/**
 * A hand-made stand-in for the parts of the `electron` module the main process uses, for `vi.mock('electron')`.
 * It records calls and lets a test fire app, window and power events, so lifecycle code runs without a binary.
 */
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

/** A minimal event emitter with the `on`/`once` shape Electron objects have. */
export class FakeEmitter {
  public readonly listeners = new Map<string, Listener[]>();

  public on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }

  public once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }

  public off(name: string, listener: Listener): this {
    this.listeners.set(name, (this.listeners.get(name) ?? []).filter((existing) => existing !== listener));
    return this;
  }

  /** Calls every listener of `name` with `args`. */
  public emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
}

let nextWebContentsId = 100;

/** A webContents that records sends and hardening hooks. */
export class FakeWebContents extends FakeEmitter {
  public readonly id = nextWebContentsId++;
  public readonly sent: { channel: string; payload: unknown }[] = [];
  public openHandler: ((details: { url: string }) => { action: string }) | null = null;

  public setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }

  public send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  public isDestroyed(): boolean {
    return false;
  }
}

/** A BrowserWindow that remembers its options and its state changes. */
export class FakeBrowserWindow extends FakeEmitter {
  public static readonly created: FakeBrowserWindow[] = [];
  public readonly webContents = new FakeWebContents();
  public readonly loadURL = vi.fn(() => Promise.resolve());
  public readonly show = vi.fn();
  public readonly focus = vi.fn();
  public readonly restore = vi.fn();
  public readonly maximize = vi.fn();
  public minimized = false;
  public destroyed = false;

  public constructor(public readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }

  public isMinimized(): boolean {
    return this.minimized;
  }

  public isDestroyed(): boolean {
    return this.destroyed;
  }

  public isMaximized(): boolean {
    return false;
  }

  public getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 10, y: 10, width: 1200, height: 800 };
  }

  /** Simulates the user closing the window. */
  public close(): void {
    this.emit('close');
    this.destroyed = true;
    this.emit('closed');
  }
}

/** Builds a fresh fake `electron` module. */
export function createElectronFake(userData: string) {
  const primary = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } };
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    whenReady: vi.fn(() => Promise.resolve()),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    getPath: vi.fn<(name: string) => string>(() => userData),
    setPath: vi.fn<(name: string, path: string) => void>(),
    getVersion: vi.fn(() => '1.2.3'),
  });
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(() => Promise.resolve({ response: 0, checkboxChecked: false })) },
    net: { fetch: vi.fn(() => Promise.resolve(new Response('ok'))), isOnline: vi.fn(() => true) },
    powerMonitor: new FakeEmitter(),
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() },
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    screen: { getPrimaryDisplay: () => primary, getAllDisplays: () => [primary] },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    clipboard: { writeText: vi.fn(() => Promise.resolve()) },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  };
}

/** The type of the fake module. */
export type ElectronFake = ReturnType<typeof createElectronFake>;

/**
 * One fake module object for a whole test file, because `vi.mock` captures the object once; `resetElectronFake`
 * replaces its members in place before each test.
 */
export const sharedElectronFake = createElectronFake(process.cwd());

/** Puts fresh members (new spies, new emitters, the given userData folder) into `sharedElectronFake`. */
export function resetElectronFake(userData: string): ElectronFake {
  return Object.assign(sharedElectronFake, createElectronFake(userData));
}
