/**
 * Locdesk's main process: the composition root. It only chooses the concrete pieces (the real core, the
 * safeStorage cipher, electron-store stores, the build-time credentials and update feed, the window and IPC layers) and hands them
 * to the lifecycle, which owns the order Electron requires. It is the one module that wires platform, ipc and window
 * together; platform code does not import the layers above it. Nothing else belongs here.
 */
import { app } from 'electron';
import { createAppCore } from './core/app-core';
import { registerIpc } from './ipc';
import { startLocdesk } from './platform/app-lifecycle';
import { createElectronUpdateEdge } from './platform/auto-updater';
import { SafeStorageCipher } from './platform/safe-storage-cipher';
import { ElectronKeyValueStore } from './platform/token-store';
import { createMainWindow, hardenSession } from './window';

declare global {
  interface ImportMetaEnv {
    /** Replaced by vite.config.ts in the main bundle only; empty unless the packager set it. */
    readonly LOCDESK_BUILD_CLIENT_ID?: string;
    readonly LOCDESK_BUILD_CLIENT_SECRET?: string;
    /** The release feed folder (where latest*.yml live) for automatic updates; empty for builds without one. */
    readonly LOCDESK_BUILD_UPDATE_URL?: string;
  }
  interface ImportMeta {
    readonly env: ImportMetaEnv;
  }
}

void startLocdesk({
  createCore: createAppCore,
  createCipher: () => new SafeStorageCipher(),
  openStore: (name) => new ElectronKeyValueStore({ name, cwd: app.getPath('userData') }),
  buildCredentials: {
    clientId: import.meta.env.LOCDESK_BUILD_CLIENT_ID ?? '',
    clientSecret: import.meta.env.LOCDESK_BUILD_CLIENT_SECRET ?? '',
  },
  createUpdates: (logger) => createElectronUpdateEdge(import.meta.env.LOCDESK_BUILD_UPDATE_URL ?? '', logger),
  bundleFolder: import.meta.dirname,
  environment: process.env,
  edge: { hardenSession, openWindow: createMainWindow, connectIpc: registerIpc },
});
