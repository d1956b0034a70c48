/**
 * Provides `window.locdesk` to a Playwright page from a real AppCore running in the test process.
 *
 * It plays the part of preload + IPC: every call is checked against the contract exactly as main does (sender
 * origin, argument schema, result schema) and crosses as the same `Envelope`; every core event is validated and
 * dispatched into the page. So the renderer under test meets the same contract it meets in Electron.
 *
 * Replies and events cross as JSON text, parsed in the page. Electron moves them by structured clone, natively;
 * Playwright's own value serialiser walks every field of an object in JavaScript and validates its protocol message,
 * which costs about 50 ms for one 50-row key page in this process (measured with test/bench/grid-child.ts), and would
 * be charged to the renderer in the grid benchmarks. Text crosses in one piece. The data is the contract's plain
 * JSON either way (the result schemas hold no dates, maps or `undefined` inside arrays).
 */
import type { Page } from '@playwright/test';
import type { Envelope } from '../../../common/contract';
import { channelMap, installLocdesk } from '../page-bridge';
import type { AppCore } from '../../../main/core/app-core';
import { dispatchCall, eventMessage } from '../../../main/core/dispatch';

/** Runs in the page before `installLocdesk`: the invoke transport over the text binding. Must be self-contained. */
function installTextTransport(): void {
  const host = globalThis as unknown as {
    __locdeskInvoke: (channel: string, args: unknown[]) => Promise<unknown>;
    __locdeskInvokeText: (channel: string, args: unknown[]) => Promise<string>;
    __locdeskDispatch?: (channel: string, payload: unknown) => void;
    __locdeskDispatchText: (channel: string, text: string) => void;
  };
  host.__locdeskInvoke = (channel, args) => host.__locdeskInvokeText(channel, args).then((text) => JSON.parse(text) as unknown);
  host.__locdeskDispatchText = (channel, text) => host.__locdeskDispatch?.(channel, JSON.parse(text) as unknown);
}

/** Connects `page` (which must load from `appOrigin`) to `core`; returns a function that disconnects the events. */
export async function connectPage(page: Page, core: AppCore, appOrigin: string): Promise<() => void> {
  await page.exposeBinding('__locdeskInvokeText', async (source, channel: unknown, args: unknown): Promise<string> => {
    if (source.frame !== source.page.mainFrame() || new URL(source.frame.url()).origin !== appOrigin) {
      const refused: Envelope<never> = { ok: false, error: { code: 'ipc.untrusted_sender', message: 'This window may not use Locdesk.' } };
      return JSON.stringify(refused);
    }
    return JSON.stringify(await dispatchCall(core.api, typeof channel === 'string' ? channel : '', args));
  });

  const unsubscribe = core.events.subscribe((event) => {
    if (page.isClosed()) return;
    const message = eventMessage(event);
    page
      .evaluate(
        ([channel, text]) =>
          (globalThis as unknown as { __locdeskDispatchText?: (name: string, text: string) => void }).__locdeskDispatchText?.(channel, text),
        [message.channel, JSON.stringify(message.payload)] as const,
      )
      .catch(() => undefined);
  });
  await page.addInitScript(installTextTransport);
  await page.addInitScript(installLocdesk, channelMap());
  return unsubscribe;
}
