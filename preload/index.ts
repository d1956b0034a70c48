/**
 * The sandboxed preload: exposes `window.locdesk`, built from the contract, and nothing else.
 *
 * `ipcRenderer` itself never crosses the bridge, no function takes a channel name from the page, and event
 * listeners receive only the payload, never the `IpcRendererEvent` (whose `sender` would reach back into Electron;
 * security checklist #20). Bundled to one CommonJS file because sandboxed preloads cannot load ES modules.
 *
 * Electron's contextBridge copies only the `message` of an Error that crosses it, so nothing here throws or rejects
 * for a failed call: every call resolves with main's envelope as plain data, which crosses whole, code included
 * (`test/unit/bridge-crossing.test.ts` proves it for every error code).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from './api';

const api = buildApi(
  (channel, args) => ipcRenderer.invoke(channel, ...args),
  (channel, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown): void => {
      listener(payload);
    };
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
);

contextBridge.exposeInMainWorld('locdesk', api);
