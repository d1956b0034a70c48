/**
 * Turns the contract into the `window.locdesk` object: one named function per call and one subscribe function per
 * event, and nothing else. The renderer can never name a channel; each function closes over its own.
 *
 * Pure (no Electron import) so that the Electron preload and any other transport (a Playwright harness, a test)
 * build exactly the same API from the same contract.
 */
import { listCalls, listEvents, type Envelope, type LocdeskApi } from '../common/contract';

/** Sends one call and resolves with main's reply envelope. */
export type InvokeTransport = (channel: string, args: unknown[]) => Promise<unknown>;
/** Starts delivering `channel`'s payloads to `listener`; returns the function that stops it. */
export type SubscribeTransport = (channel: string, listener: (payload: unknown) => void) => () => void;

/** The error a call rejects with: the safe sentence from main as `message`, and its stable `code`. */
export class LocdeskCallError extends Error {
  public readonly code: string;

  public constructor(code: string, message: string) {
    super(message);
    this.name = 'LocdeskCallError';
    this.code = code;
  }
}

function isEnvelope(reply: unknown): reply is Envelope<unknown> {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) return false;
  if (reply.ok === true) return 'value' in reply;
  if (reply.ok !== false || !('error' in reply)) return false;
  const error = reply.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string';
}

/** The value of an ok envelope, or a thrown `LocdeskCallError` for a failed or malformed one. */
export function unwrapEnvelope(name: string, reply: unknown): unknown {
  if (!isEnvelope(reply)) throw new LocdeskCallError('ipc.bad_reply', `Locdesk got an unreadable reply to ${name}.`);
  if (reply.ok) return reply.value;
  throw new LocdeskCallError(reply.error.code, reply.error.message);
}

/** Builds the frozen API object over the given transport. */
export function buildApi(invoke: InvokeTransport, subscribe: SubscribeTransport): LocdeskApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { domain, method, spec } of listCalls()) {
    const name = `${domain}.${method}`;
    const channel = spec.channel;
    (api[domain] ??= {})[method] = async (...args: unknown[]): Promise<unknown> => unwrapEnvelope(name, await invoke(channel, args));
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
  return Object.freeze(api) as unknown as LocdeskApi;
}
