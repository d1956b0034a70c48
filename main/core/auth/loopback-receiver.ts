/**
 * The one-shot loopback redirect receiver of RFC 8252 §7.3.
 *
 * One receiver serves one sign-in attempt: it binds 127.0.0.1 only when the attempt starts (an ephemeral port, or
 * the configured ports in order), accepts exactly one callback whose `state` matches, exchanges the code while the
 * browser waits, redirects the browser to `/done` so the code leaves its history, and closes on every exit path.
 * Anything else that reaches it — a stale tab, a favicon, a foreign Host header, a POST — is answered with a static
 * page and changes nothing. Its request handler never throws.
 *
 * Any local program can connect to it, so it bounds what a connection may cost: at most `maxConnections` open at
 * once (more are closed as they arrive), a connection that sends nothing for `idleTimeoutMs` is closed, and headers
 * and requests have their own limits. All of them are set before the server listens, so no connection is ever
 * accepted without them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocdeskError } from '../errors';
import type { Logger } from '../log';
import { redirectToDone, sendPage, type CallbackPage } from './callback-pages';
import { createStateToken, stateMatches } from './state-token';

/** How an attempt ended. */
export type AttemptOutcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'denied' }
  | { readonly kind: 'failed'; readonly error: LocdeskError }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'cancelled' };

/** What a receiver needs. */
export interface LoopbackOptions {
  /** Ports to try in order; empty means an ephemeral port. */
  readonly ports: readonly number[];
  readonly timeoutMs: number;
  /** Redeems the code; throws a LocdeskError on failure. Called at most once. */
  readonly exchange: (code: string, redirectUri: string) => Promise<void>;
  /** Told when a callback arrived that did not match (the attempt keeps waiting). */
  readonly onStaleCallback?: () => void;
  readonly logger: Logger;
  /** How long the browser's `/done` request may wait for the exchange. */
  readonly exchangeWaitMs?: number;
  /** How long the server stays up after the outcome, so `/done` can still be served. */
  readonly closeDelayMs?: number;
  /** Loopback addresses to try, in order; IPv6 is the fallback for systems without an IPv4 loopback (RFC 8252 §7.3). */
  readonly addresses?: readonly LoopbackAddress[];
  /** Connections open at once; default 16 (a browser opens a handful). */
  readonly maxConnections?: number;
  /** How long a connection may stay silent outside a request before it is closed; default 10 s. */
  readonly idleTimeoutMs?: number;
}

/** The receiver's HTTP server, with every limit in place and not yet listening. */
export function createReceiverServer(
  options: Pick<LoopbackOptions, 'maxConnections' | 'idleTimeoutMs'>,
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Server {
  const idleTimeoutMs = options.idleTimeoutMs ?? 10_000;
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 }, handle);
  server.maxConnections = options.maxConnections ?? 16;
  // A socket whose 'timeout' nobody answers is destroyed by Node's HTTP server. While a request is being answered
  // (the browser waits up to `exchangeWaitMs` for the code exchange) the limit is off, and back on afterwards.
  server.on('connection', (socket) => socket.setTimeout(idleTimeoutMs));
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    request.socket.setTimeout(0);
    response.once('finish', () => request.socket.setTimeout(idleTimeoutMs));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  return server;
}

/** A loopback interface the receiver can listen on. */
export type LoopbackAddress = '127.0.0.1' | '::1';

/** How the address appears in a URL and in the Host header. */
function hostOf(address: LoopbackAddress, port: number): string {
  return address === '::1' ? `[::1]:${port}` : `127.0.0.1:${port}`;
}

/** Listens on the first loopback address that exists on this system (127.0.0.1, else ::1). */
export async function listenOnAnyLoopback(server: Server, ports: readonly number[], addresses: readonly LoopbackAddress[]): Promise<{ port: number; address: LoopbackAddress }> {
  let lastError: Error | null = null;
  for (const address of addresses) {
    try {
      return { port: await listenOnLoopback(server, ports, address), address };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') throw error;
      lastError = error as Error;
    }
  }
  throw lastError ?? new Error('no loopback address to listen on');
}

/**
 * Binds `server` to 127.0.0.1 on the first free port of `ports` (or an ephemeral one) and returns the port.
 * EADDRINUSE and EACCES are treated alike, since Windows reports ports reserved by Hyper-V/WSL as EACCES; when every
 * port fails, the error names them all so the user can act on it.
 */
export async function listenOnLoopback(server: Server, ports: readonly number[], address: LoopbackAddress = '127.0.0.1'): Promise<number> {
  const candidates = ports.length === 0 ? [0] : ports;
  for (const port of candidates) {
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error): void => reject(error);
        server.once('error', onError);
        server.listen(port, address, () => {
          server.off('error', onError);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    }
  }
  const tried = ports.length === 0 ? 'an ephemeral port' : `port${ports.length > 1 ? 's' : ''} ${ports.join(', ')}`;
  throw new LocdeskError(
    'auth.port_unavailable',
    `Locdesk could not listen for the sign-in on ${address} (tried ${tried}): another program is using ${ports.length > 1 ? 'them' : 'it'} or the system reserved ${ports.length > 1 ? 'them' : 'it'}. Close that program, change LOCDESK_REDIRECT_PORT, or use "Paste a code instead".`,
  );
}

/** A running receiver for one attempt. */
export class LoopbackReceiver {
  /** `http://127.0.0.1:{port}/callback`, to send as `redirect_uri`. */
  public readonly redirectUri: string;
  /** The attempt's state value; it never leaves main. */
  public readonly state: string;
  /** Resolves once, when the attempt ends. */
  public readonly outcome: Promise<AttemptOutcome>;

  private settle: (outcome: AttemptOutcome) => void = () => undefined;
  private settled: AttemptOutcome | null = null;
  private stateUsed = false;
  private exchangeDone: Promise<void> | null = null;
  private closing = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  private readonly host: string;

  private constructor(
    private readonly server: Server,
    port: number,
    address: LoopbackAddress,
    private readonly options: LoopbackOptions,
  ) {
    this.host = hostOf(address, port);
    this.redirectUri = `http://${this.host}/callback`;
    this.state = createStateToken();
    this.outcome = new Promise((resolve) => {
      this.settle = resolve;
    });
    this.later(options.timeoutMs, () => this.expire());
  }

  /** Binds and starts listening; throws `auth.port_unavailable` when no port could be bound. */
  public static async start(options: LoopbackOptions): Promise<LoopbackReceiver> {
    let receiver: LoopbackReceiver | null = null;
    const server = createReceiverServer(options, (request, response) => {
      if (receiver === null) {
        sendPage(response, 'waiting');
        return;
      }
      receiver.handle(request, response).catch(() => {
        if (!response.headersSent) sendPage(response, 'broken');
        else response.destroy();
      });
    });
    const { port, address } = await listenOnAnyLoopback(server, options.ports, options.addresses ?? ['127.0.0.1', '::1']);
    server.on('error', (error) => options.logger.warn('sign-in receiver error', { error }));
    receiver = new LoopbackReceiver(server, port, address, options);
    options.logger.info('sign-in receiver listening', { port });
    return receiver;
  }

  /** Ends the attempt as cancelled (the Cancel button, a new attempt, sign-out, quit). */
  public cancel(): void {
    this.finish({ kind: 'cancelled' }, 0);
  }

  /** True while the attempt has not ended. */
  public get isOpen(): boolean {
    return this.settled === null;
  }

  private later(milliseconds: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, milliseconds);
    timer.unref();
    this.timers.add(timer);
  }

  /** The sign-in timeout fired. A code exchange already under way is let finish: the user did their part. */
  private expire(): void {
    if (this.exchangeDone !== null) return;
    this.finish({ kind: 'timeout' }, 0);
  }

  private finish(outcome: AttemptOutcome, closeDelayMs: number): void {
    if (this.settled !== null) return;
    this.settled = outcome;
    this.options.logger.info('sign-in attempt ended', { outcome: outcome.kind });
    this.settle(outcome);
    if (closeDelayMs <= 0) this.close();
    else this.later(closeDelayMs, () => this.close());
  }

  private close(): void {
    if (this.closing) return;
    this.closing = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.close();
    this.server.closeAllConnections();
    this.server.unref();
  }

  private pageForOutcome(): CallbackPage {
    switch (this.settled?.kind) {
      case 'success':
        return 'success';
      case 'denied':
        return 'denied';
      case 'failed':
        return 'failed';
      case undefined:
        return 'waiting';
      default:
        return 'stale';
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.closing) return sendPage(response, 'stale', { Connection: 'close' });
    if (request.headers.host !== this.host) return sendPage(response, 'wrongHost');
    const url = new URL(request.url ?? '/', `http://${this.host}`);
    if (url.pathname !== '/callback' && url.pathname !== '/done') return sendPage(response, 'notFound');
    if (request.method !== 'GET') return sendPage(response, 'wrongMethod', { Allow: 'GET' });
    if (url.pathname === '/done') {
      if (this.exchangeDone !== null) await this.boundedWait(this.exchangeDone);
      return sendPage(response, this.pageForOutcome());
    }
    const received = url.searchParams.getAll('state');
    if (this.settled !== null || this.stateUsed || received.length !== 1 || !stateMatches(this.state, received[0] ?? null)) {
      // A repeat of the accepted callback (a reload while the code is being exchanged) is not news for the app.
      if (this.settled === null && !this.stateUsed) this.options.onStaleCallback?.();
      this.options.logger.warn('sign-in callback ignored: it does not belong to the running attempt');
      return sendPage(response, 'stale');
    }
    this.stateUsed = true;
    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    if (error !== null) {
      this.finish(
        error === 'access_denied'
          ? { kind: 'denied' }
          : { kind: 'failed', error: new LocdeskError('auth.exchange_failed', 'Lokalise could not complete the sign-in. Please try again.') },
        this.options.closeDelayMs ?? 3000,
      );
      return redirectToDone(response);
    }
    if (code === null || code === '') {
      this.finish({ kind: 'failed', error: new LocdeskError('auth.exchange_failed', 'Lokalise sent the browser back without a sign-in code. Please try again.') }, this.options.closeDelayMs ?? 3000);
      return redirectToDone(response);
    }
    this.exchangeDone = this.redeem(code);
    await this.boundedWait(this.exchangeDone);
    redirectToDone(response);
  }

  /** Holds a browser request while the exchange runs, but never longer than `exchangeWaitMs`. */
  private async boundedWait(work: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.exchangeWaitMs ?? 20_000);
      timer.unref();
    });
    await Promise.race([work, limit]);
    clearTimeout(timer);
  }

  private async redeem(code: string): Promise<void> {
    try {
      await this.options.exchange(code, this.redirectUri);
      this.finish({ kind: 'success' }, this.options.closeDelayMs ?? 3000);
    } catch (error) {
      const failure = error instanceof LocdeskError ? error : new LocdeskError('auth.exchange_failed', 'The sign-in could not be completed. Please try again.');
      this.finish({ kind: 'failed', error: failure }, this.options.closeDelayMs ?? 3000);
    }
  }
}
