/**
 * Provides `window.locdesk` to a Playwright page from a real AppCore running in the test process.
 *
 * It plays the part of preload + IPC: every call is checked against the contract exactly as main does (sender
 * origin, argument schema, result schema) and crosses as the same `Envelope`; every core event is validated and
 * dispatched into the page. So the renderer under test meets the same contract it meets in Electron.
 */
import type { Page } from '@playwright/test';
import type { Envelope } from '../../../common/contract';
import { channelMap, installLocdesk } from '../page-bridge';
import type { AppCore } from '../../../main/core/app-core';
import { dispatchCall, eventMessage } from '../../../main/core/dispatch';

/** Connects `page` (which must load from `appOrigin`) to `core`; returns a function that disconnects the events. */
export async function connectPage(page: Page, core: AppCore, appOrigin: string): Promise<() => void> {
  await page.exposeBinding('__locdeskInvoke', async (source, channel: unknown, args: unknown): Promise<Envelope<unknown>> => {
    if (source.frame !== source.page.mainFrame() || new URL(source.frame.url()).origin !== appOrigin) {
      return { ok: false, error: { code: 'ipc.untrusted_sender', message: 'This window may not use Locdesk.' } };
    }
    return dispatchCall(core.api, typeof channel === 'string' ? channel : '', args);
  });

  const unsubscribe = core.events.subscribe((event) => {
    if (page.isClosed()) return;
    const message = eventMessage(event);
    page
      .evaluate(
        ([channel, body]) =>
          (globalThis as unknown as { __locdeskDispatch?: (name: string, payload: unknown) => void }).__locdeskDispatch?.(channel, body),
        [message.channel, message.payload] as const,
      )
      .catch(() => undefined);
  });
  await page.addInitScript(installLocdesk, channelMap());
  return unsubscribe;
}
