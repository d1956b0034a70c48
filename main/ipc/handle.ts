/**
 * The one way a contract call is wired to `ipcMain`.
 *
 * Every handler registered here does the same three things, in order: refuse a sender that is not the app's own
 * window (Electron security checklist #17), let `core/dispatch.ts` validate the arguments against the contract and
 * call the core, and reply with an `Envelope`. Domain files (`app.ts`, `auth.ts`, …) only name their calls, so no
 * handler can forget a check, and no channel outside the contract can be registered.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { calls, type CoreApi, type Envelope } from '../../common/contract';
import { dispatchCall } from '../core/dispatch';
import { originOf } from '../core/link-policy';
import type { Logger } from '../core/log';

/** The part of `ipcMain` the router needs; tests pass a recorder. */
export interface InvokeRegistrar {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The facts about a message's sender that the trust decision looks at. */
export interface SenderFacts {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** Who may talk to main: the one app window, showing a page from one of the app's own origins. */
export interface TrustedSender {
  /** The `webContents.id` of the app window, or null while there is none. */
  readonly webContentsId: () => number | null;
  /** Origins such as `app://locdesk` or, in development only, `http://127.0.0.1:5173`. */
  readonly origins: readonly string[];
}

/**
 * True only for the top frame of the app window on a trusted origin. A message from any other webContents, from a
 * sub-frame, or from a frame that has navigated elsewhere is refused.
 */
export function isTrustedSender(event: SenderFacts, trusted: TrustedSender): boolean {
  const windowId = trusted.webContentsId();
  if (windowId === null || event.sender.id !== windowId) return false;
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  const origin = originOf(frame.url);
  return origin !== null && trusted.origins.includes(origin);
}

/** The reply to a sender that failed the check; it says nothing about what the call would have done. */
export const untrustedSenderReply: Envelope<never> = {
  ok: false,
  error: { code: 'ipc.untrusted_sender', message: 'This window may not use Locdesk.' },
};

type Calls = typeof calls;
/** A contract domain (`auth`, `projects`, …). */
export type CallDomain = keyof Calls;
/** A method name within `domain`. */
export type CallMethod<D extends CallDomain> = keyof Calls[D] & string;

/** What every handler needs: where to register, the core to call, whom to trust and where to log refusals. */
export interface IpcRouterOptions {
  readonly registrar: InvokeRegistrar;
  readonly api: CoreApi;
  readonly trusted: TrustedSender;
  readonly logger: Logger;
}

/** Registers contract calls on `ipcMain` with the shared checks, and removes them again on shutdown. */
export class IpcRouter {
  private readonly registered = new Set<string>();

  public constructor(private readonly options: IpcRouterOptions) {}

  /**
   * Wires `domain.method` of the contract. Registering the same call twice is a programming error and throws, as
   * Electron itself would, so a duplicate cannot silently replace a handler.
   */
  public handle<D extends CallDomain>(domain: D, method: CallMethod<D>): void {
    const spec = (calls[domain] as Record<string, { channel: string } | undefined>)[method];
    if (spec === undefined) throw new Error(`The contract has no call ${domain}.${method}.`);
    const channel = spec.channel;
    if (this.registered.has(channel)) throw new Error(`${domain}.${method} (${channel}) is already handled.`);
    this.registered.add(channel);
    const { api, trusted, logger } = this.options;
    this.options.registrar.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event, trusted)) {
        logger.warn('Refused an IPC call from an untrusted sender', { channel, origin: originOf(event.senderFrame?.url ?? '') });
        return untrustedSenderReply;
      }
      return dispatchCall(api, channel, args);
    });
  }

  /** The channels registered so far, for the completeness test and for shutdown. */
  public channels(): readonly string[] {
    return [...this.registered];
  }

  /** Removes every handler this router registered (quit, or a test tearing down). */
  public dispose(): void {
    for (const channel of this.registered) this.options.registrar.removeHandler(channel);
    this.registered.clear();
  }
}
