/**
 * Builds `window.locdesk` inside a page that has no preload: every call goes through a global
 * `__locdeskInvoke(channel, args)` transport supplied by the host (a Playwright binding, or the browser demo's
 * HTTP bridge), and events arrive through `__locdeskDispatch(channel, payload)`. The channel map is computed from
 * the contract on the Node side, so the page gets the same named functions the preload exposes.
 *
 * Like the preload, each call resolves with the envelope itself and never throws: the renderer's own `api.ts`
 * unwraps it, so the page under test takes the same path as the packaged app, and keeps exactly the codes the
 * packaged app keeps.
 */
import { listCalls, listEvents, type Envelope } from '../../common/contract';

/** Domain → name → channel, for calls and for events. */
export interface ChannelMap {
  calls: Record<string, Record<string, string>>;
  events: Record<string, Record<string, string>>;
}

/** The channel map of the contract. */
export function channelMap(): ChannelMap {
  const map: ChannelMap = { calls: {}, events: {} };
  for (const { domain, method, spec } of listCalls()) (map.calls[domain] ??= {})[method] = spec.channel;
  for (const { domain, name, channel } of listEvents()) (map.events[domain] ??= {})[name] = channel;
  return map;
}

/**
 * Runs inside the page before any of its scripts. It must not reference anything outside its own body: it is
 * serialised with `Function.prototype.toString` and evaluated in the page.
 */
export function installLocdesk(map: ChannelMap): void {
  type Invoke = (channel: string, args: unknown[]) => Promise<unknown>;
  const host = globalThis as unknown as { __locdeskInvoke: Invoke; __locdeskDispatch?: (channel: string, payload: unknown) => void };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, Record<string, unknown>> = {};
  for (const [domain, methods] of Object.entries(map.calls)) {
    const target = (api[domain] ??= {});
    for (const [method, channel] of Object.entries(methods)) {
      // The renderer reads what this resolves with as untrusted (common/envelope.ts); a transport failure becomes
      // the same ipc.call_failed envelope the preload gives (this body cannot import, so the sentence is repeated).
      target[method] = (...args: unknown[]): Promise<unknown> =>
        host.__locdeskInvoke(channel, args).catch(
          (): Envelope<never> => ({
            ok: false,
            error: { code: 'ipc.call_failed', message: `Locdesk could not complete ${domain}.${method}. Please try again.` },
          }),
        );
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
  host.__locdeskDispatch = (channel, payload) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
  for (const domain of Object.values(api)) Object.freeze(domain);
  Object.defineProperty(globalThis, 'locdesk', { value: Object.freeze(api), writable: false, configurable: false });
}
