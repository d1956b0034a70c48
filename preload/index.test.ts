import type { IpcRendererEvent } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { listCalls, type LocdeskApi } from '../common/contract';

type Handler = (event: IpcRendererEvent, payload: unknown) => void;

const electron = vi.hoisted(() => {
  const handlers = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return {
    handlers,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(() => Promise.resolve({ ok: true, value: null })),
      on: vi.fn((channel: string, handler: (event: unknown, payload: unknown) => void) => {
        const set = handlers.get(channel) ?? new Set();
        set.add(handler);
        handlers.set(channel, set);
      }),
      removeListener: vi.fn((channel: string, handler: (event: unknown, payload: unknown) => void) => {
        handlers.get(channel)?.delete(handler);
      }),
      send: vi.fn(),
    },
  };
});
vi.mock('electron', () => electron);

let exposedKey: unknown;
let api: LocdeskApi;

beforeAll(async () => {
  await import('./index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  [exposedKey, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [unknown, LocdeskApi];
});

function everyValue(value: unknown, seen = new Set<unknown>()): unknown[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return [value];
  seen.add(value);
  return [value, ...Object.values(value).flatMap((inner) => everyValue(inner, seen))];
}

describe('the preload', () => {
  it('exposes only window.locdesk, whose members are contract functions, never ipcRenderer', () => {
    expect(exposedKey).toBe('locdesk');
    const values = everyValue(api);
    expect(values).not.toContain(electron.ipcRenderer);
    expect(values).not.toContain(electron.ipcRenderer.invoke);
    expect(values).not.toContain(electron.ipcRenderer.on);
    expect(Object.keys(api).sort()).toEqual(['app', 'auth', 'edits', 'keys', 'library', 'projects', 'qa', 'settings', 'sync']);
    const names = Object.values(api).flatMap((domain) => Object.keys(domain as object));
    expect(names.filter((name) => /^(invoke|send|on|once|removeListener|ipcRenderer)$/.test(name))).toEqual([]);
  });

  it('invokes the contract channel of each call with the arguments spread, as ipcMain.handle expects', async () => {
    for (const { domain, method, spec } of listCalls()) {
      electron.ipcRenderer.invoke.mockClear();
      const fn = (api as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>)[domain]?.[method];
      await fn?.('first', 2);
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(spec.channel, 'first', 2);
    }
  });

  it('resolves with the envelope as data, for success and failure alike, so the code survives contextBridge', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { allowWeakTokenStorage: false } });
    await expect(api.settings.get()).resolves.toEqual({ ok: true, value: { allowWeakTokenStorage: false } });
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'auth.vault_unavailable', message: 'Unlock the keychain.' } });
    await expect(api.auth.signIn()).resolves.toEqual({ ok: false, error: { code: 'auth.vault_unavailable', message: 'Unlock the keychain.' } });
  });

  it('gives event listeners the payload only, never the IpcRendererEvent, and unsubscribes cleanly', () => {
    const received: unknown[][] = [];
    const stop = api.auth.onStateChanged((...args: unknown[]) => received.push(args));
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith('auth:state-changed', expect.any(Function));
    const fakeEvent = { sender: { send: vi.fn() }, ports: [] } as unknown as IpcRendererEvent;
    for (const handler of electron.handlers.get('auth:state-changed') ?? []) (handler as Handler)(fakeEvent, { status: 'signedIn' });
    expect(received).toEqual([[{ status: 'signedIn' }]]);
    stop();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('auth:state-changed', electron.ipcRenderer.on.mock.calls[0]?.[1]);
    expect(electron.handlers.get('auth:state-changed')?.size).toBe(0);
  });
});
