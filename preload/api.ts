/**
 * Turns the contract into the `window.locdesk` object: one named function per call and one subscribe function per
 * event, and nothing else. The renderer can never name a channel; each function closes over its own.
 *
 * Every call resolves with a plain `Envelope` and never rejects: Electron's contextBridge copies only the `message`
 * of an Error that crosses it, so a failure thrown here would reach the page without its code. Data crosses intact,
 * and the renderer's own `api.ts` turns a failed envelope into its typed error on the page's side of the bridge.
 *
 * Pure (no Electron import) so that the Electron preload and any other transport (a test, a harness) build exactly
 * the same API from the same contract.
 */
import { listCalls, listEvents, type Envelope, type LocdeskBridge } from '../common/contract';
import { settleEnvelope } from '../common/envelope';

/** Sends one call and resolves with main's reply envelope. */
export type InvokeTransport = (channel: string, args: unknown[]) => Promise<unknown>;
/** Starts delivering `channel`'s payloads to `listener`; returns the function that stops it. */
export type SubscribeTransport = (channel: string, listener: (payload: unknown) => void) => () => void;

/** Builds the frozen API object over the given transport. */
export function buildApi(invoke: InvokeTransport, subscribe: SubscribeTransport): LocdeskBridge {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { domain, method, spec } of listCalls()) {
    const name = `${domain}.${method}`;
    const channel = spec.channel;
    // A transport that rejects (no handler registered yet, arguments that cannot be cloned) becomes ipc.call_failed.
    (api[domain] ??= {})[method] = (...args: unknown[]): Promise<Envelope<unknown>> => settleEnvelope(() => invoke(channel, args), name);
  }
  for (const { domain, name, channel } of listEvents()) {
    (api[domain] ??= {})[name] = (listener: unknown): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${domain}.${name} needs a listener function.`);
      const forward = (payload: unknown): void => {
        (listener as (payload: unknown) => void)(payload);
      };
      return subscribe(channel, forward);
    };
  }
  for (const domain of Object.values(api)) Object.freeze(domain);
  return Object.freeze(api) as unknown as LocdeskBridge;
}
