/**
 * Provides `window.locdesk` to a Playwright page from a real AppCore running in the test process.
 *
 * It plays the part of preload + IPC: every call is checked against the contract exactly as main does (sender
 * origin, argument schema, result schema) and crosses as the same `Envelope`; every core event is validated and
 * dispatched into the page. So the renderer under test meets the same contract it meets in Electron.
 */
import type { Page } from '@playwright/test';
import { listCalls, listEvents, type Envelope } from '../../../preload/contract';
import type { AppCore } from '../../../main/core/app-core';
import { dispatchCall, eventMessage } from '../../../main/core/dispatch';

interface ChannelMap {
  calls: Record<string, Record<string, string>>;
  events: Record<string, Record<string, string>>;
}

function channelMap(): ChannelMap {
  const map: ChannelMap = { calls: {}, events: {} };
  for (const { domain, method, spec } of listCalls()) (map.calls[domain] ??= {})[method] = spec.channel;
  for (const { domain, name, channel } of listEvents()) (map.events[domain] ??= {})[name] = channel;
  return map;
}

/** Runs inside the page before any of its scripts: builds a frozen `window.locdesk` from the channel map. */
function installLocdesk(map: ChannelMap): void {
  type Invoke = (channel: string, args: unknown[]) => Promise<Envelope<unknown>>;
  const page = globalThis as unknown as {
    __locdeskInvoke: Invoke;
    __locdeskDispatch?: (channel: string, payload: unknown) => void;
  };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, Record<string, unknown>> = {};
  for (const [domain, methods] of Object.entries(map.calls)) {
    const target = (api[domain] ??= {});
    for (const [method, channel] of Object.entries(methods)) {
      target[method] = async (...args: unknown[]) => {
        const envelope = await page.__locdeskInvoke(channel, args);
        if (envelope.ok) return envelope.value;
        throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
      };
    }
  }
  for (const [domain, names] of Object.entries(map.events)) {
    const target = (api[domain] ??= {});
    for (const [name, channel] of Object.entries(names)) {
      target[name] = (listener: (payload: unknown) => void) => {
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set);
        set.add(listener);
        return () => set.delete(listener);
      };
    }
  }
  page.__locdeskDispatch = (channel, payload) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
  for (const domain of Object.values(api)) Object.freeze(domain);
  Object.defineProperty(globalThis, 'locdesk', { value: Object.freeze(api), writable: false, configurable: false });
}

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
