/**
 * Test helpers for the Lokalise client: a tiny real HTTP server on 127.0.0.1 for exact edge cases the fake does not
 * (and should not) produce, a token source that counts refreshes, and a logger that keeps its lines.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenSource } from '../../../main/core/auth/token-source';
import type { Logger } from '../../../main/core/log';

/** One request as the stub saw it. */
export interface StubRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  /** `performance.now()` when the request arrived. */
  readonly arrivedAt: number;
}

/** Answers one request; `index` counts from 0 over the stub's lifetime. */
export type StubHandler = (request: StubRequest, response: ServerResponse, index: number) => void | Promise<void>;

/** A running stub. `maxInFlight` is the most requests it held open at once. */
export interface StubServer {
  readonly apiUrl: string;
  readonly requests: StubRequest[];
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** Starts a stub API on 127.0.0.1; `apiUrl` ends in `/api2/` like the real one. */
export async function startStub(handler: StubHandler): Promise<StubServer> {
  const requests: StubRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const request: StubRequest = { path: url.pathname, query: url.searchParams, authorization: incoming.headers.authorization, arrivedAt: performance.now() };
    const index = requests.push(request) - 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.once('close', () => (inFlight -= 1));
    Promise.resolve(handler(request, response, index)).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api2/`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON answer with optional extra headers. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** A token source that hands out `token-1`, then `token-2` after a refresh, and counts what it was asked. */
export class CountingTokens implements TokenSource {
  public refreshes = 0;
  public readonly rejected: string[] = [];
  private current = 1;

  /** The token the client will send next. */
  public get token(): string {
    return `token-${this.current}`;
  }

  public accessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }

  public refreshAfterRejection(rejectedToken: string): Promise<string> {
    this.rejected.push(rejectedToken);
    if (rejectedToken === this.token) {
      this.refreshes += 1;
      this.current += 1;
    }
    return Promise.resolve(this.token);
  }
}

/** A logger that keeps every line raw (no redaction), so tests can prove nothing secret was logged to begin with. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, fields?: Record<string, unknown>): void => {
    lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { logger: { debug: write, info: write, warn: write, error: write }, lines };
}
