import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LifecycleOptions } from './platform/app-lifecycle';

const mocks = vi.hoisted(() => ({
  startLocdesk: vi.fn(() => Promise.resolve(null)),
  stores: [] as { name: string; cwd: string }[],
}));
vi.mock('electron', () => ({ app: { getPath: (name: string) => `/profiles/${name}` }, safeStorage: {} }));
vi.mock('./platform/app-lifecycle', () => ({ startLocdesk: mocks.startLocdesk }));
vi.mock('./platform/token-store', () => ({
  ElectronKeyValueStore: vi.fn(function record(options: { name: string; cwd: string }) {
    mocks.stores.push(options);
  }),
}));

let options: LifecycleOptions;

beforeAll(async () => {
  await import('./index');
  expect(mocks.startLocdesk).toHaveBeenCalledOnce();
  options = (mocks.startLocdesk.mock.calls[0] as unknown as [LifecycleOptions])[0];
});

describe('the composition root', () => {
  it('starts the lifecycle with the real core factory and the safeStorage cipher', async () => {
    const { createAppCore } = await import('./core/app-core');
    const { SafeStorageCipher } = await import('./platform/safe-storage-cipher');
    expect(options.createCore).toBe(createAppCore);
    expect(options.createCipher()).toBeInstanceOf(SafeStorageCipher);
  });

  it('hands the lifecycle the real window and IPC layers, which platform code does not import itself', async () => {
    const { registerIpc } = await import('./ipc');
    const { createMainWindow, hardenSession } = await import('./window');
    expect(options.edge).toEqual({ hardenSession, openWindow: createMainWindow, connectIpc: registerIpc });
  });

  it('opens named electron-store files in the user-data folder', () => {
    options.openStore('tokens');
    expect(mocks.stores).toEqual([{ name: 'tokens', cwd: '/profiles/userData' }]);
  });

  it('gives the core an update edge with no feed unless the build set one', async () => {
    const { silentLogger } = await import('./core/log');
    const edge = options.createUpdates?.(silentLogger);
    expect(edge?.feedUrl).toBeNull();
    expect(edge?.unsupportedReason).toContain('installed copies');
  });

  it('passes the process environment and the bundle folder, and no build credentials unless the build set them', () => {
    expect(options.environment).toBe(process.env);
    expect(options.bundleFolder).toBe(import.meta.dirname);
    expect(options.buildCredentials).toEqual({ clientId: '', clientSecret: '' });
  });
});
