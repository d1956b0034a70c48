/**
 * Connects the core to the app window over IPC: every contract call through the shared router, every contract
 * event through the forwarder. The only module that touches `ipcMain` for real.
 */
import { ipcMain } from 'electron';
import type { AppCore } from '../core/app-core';
import type { Logger } from '../core/log';
import { registerAppCalls } from './app';
import { registerAuthCalls } from './auth';
import { registerEditsCalls } from './edits';
import { forwardEvents, type EventReceiver } from './events';
import { IpcRouter, type InvokeRegistrar, type TrustedSender } from './handle';
import { registerKeysCalls } from './keys';
import { registerLibraryCalls } from './library';
import { registerProjectsCalls } from './projects';
import { registerQaCalls } from './qa';
import { registerSettingsCalls } from './settings';
import { registerSyncCalls } from './sync';

/** What `registerIpc` needs from the composition root. */
export interface IpcWiring {
  readonly core: AppCore;
  readonly trusted: TrustedSender;
  /** The window's webContents (or null while there is none), for events. */
  readonly eventTarget: () => EventReceiver | null;
  readonly logger: Logger;
  /** Defaults to Electron's `ipcMain`; tests pass a recorder. */
  readonly registrar?: InvokeRegistrar;
}

/** Handles to undo the wiring on quit. */
export interface IpcRegistration {
  readonly channels: readonly string[];
  dispose(): void;
}

/** Registers a handler for every contract call and starts forwarding events. */
export function registerIpc(wiring: IpcWiring): IpcRegistration {
  const router = new IpcRouter({
    registrar: wiring.registrar ?? ipcMain,
    api: wiring.core.api,
    trusted: wiring.trusted,
    logger: wiring.logger,
  });
  registerAppCalls(router);
  registerAuthCalls(router);
  registerProjectsCalls(router);
  registerKeysCalls(router);
  registerSyncCalls(router);
  registerLibraryCalls(router);
  registerEditsCalls(router);
  registerSettingsCalls(router);
  registerQaCalls(router);
  const stopEvents = forwardEvents(wiring.core.events, wiring.eventTarget, wiring.logger);
  return {
    channels: router.channels(),
    dispose: () => {
      stopEvents();
      router.dispose();
    },
  };
}
