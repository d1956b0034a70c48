/**
 * Provides `window.locdesk` to a Playwright page from a real AppCore running in the test process.
 *
 * It plays the part of preload + IPC over the page's own HTTP server (http-bridge.ts): every call is checked against
 * the contract exactly as main does (argument schema, result schema) and crosses as the same `Envelope`; replies and
 * core events come back in order on one event stream. So the renderer under test meets the same contract it meets
 * in Electron, at about the cost of Electron's IPC (a Playwright binding's DevTools round trip cost 10-80 ms per key
 * page, charged to the renderer in the grid benchmarks).
 */
import type { Page } from '@playwright/test';
import type { AppCore } from '../../../main/core/app-core';
import { createHttpBridge } from '../http-bridge';
import type { StaticServer } from './static-server';

/** Connects `page` (which must load from `server`) to `core`; returns a function that disconnects it. */
export async function connectPage(page: Page, core: AppCore, server: StaticServer): Promise<() => void> {
  const bridge = createHttpBridge(core);
  const detach = server.use((request, response) => bridge.handle(request, response));
  await page.addInitScript(bridge.pageScript);
  return () => {
    detach();
    bridge.close();
  };
}
