/**
 * The page's side of the bridge: turns `window.locdesk` (which resolves every call with an envelope, so that a
 * failure's code survives contextBridge) into the throwing, typed `LocdeskApi` the components use.
 *
 * The failure becomes an Error only here, in the page's own world, after the crossing. Nothing in this file touches
 * `window`, so the bridge-crossing test can run it beside the real preload.
 */
import type { LocdeskApi, LocdeskBridge } from '../../common/contract';
import { settleEnvelope } from '../../common/envelope';
import type { ErrorCode } from '../../common/errors';

/** A failed call, as the renderer sees it: main's safe sentence as `message`, and its code from the closed list. */
export class LocdeskError extends Error {
  public readonly code: ErrorCode;

  public constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'LocdeskError';
    this.code = code;
  }
}

/** Subscribe functions are named `on…` in the contract (the contract's own test holds it to that); calls never are. */
const eventMember = /^on[A-Z]/;

type BridgeMember = (...args: unknown[]) => unknown;

/**
 * The throwing API over `bridge`. A call resolves with its value, or rejects with a `LocdeskError` carrying the
 * failed envelope's code; a malformed reply, a code this build does not know, or a bridge function that rejects
 * after all are read exactly as the preload reads main's replies (`common/envelope.ts`). Event subscriptions pass
 * through untouched.
 */
export function apiOverBridge(bridge: LocdeskBridge): LocdeskApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [domain, members] of Object.entries(bridge as unknown as Record<string, Record<string, BridgeMember>>)) {
    const target: Record<string, unknown> = {};
    for (const [member, send] of Object.entries(members)) {
      if (eventMember.test(member)) {
        target[member] = send;
        continue;
      }
      const name = `${domain}.${member}`;
      target[member] = async (...args: unknown[]): Promise<unknown> => {
        const envelope = await settleEnvelope(() => Promise.resolve(send(...args)), name);
        if (envelope.ok) return envelope.value;
        throw new LocdeskError(envelope.error.code, envelope.error.message);
      };
    }
    api[domain] = Object.freeze(target);
  }
  return Object.freeze(api) as unknown as LocdeskApi;
}
