/**
 * Lokalise's limits and the fake's fault injection: 6 requests per second per token, 10 concurrent requests per
 * project (both answered with the real 429 body), and deliberate failures — HTML 5xx pages, dropped connections,
 * truncated JSON, bursts of bare 429s, silence and latency — so clients can be tested against a misbehaving server.
 */
import type { ServerResponse } from 'node:http';
import { Sequence } from './random';
import { sendJson } from './http';
import type { FailureKind, FakeState } from './state';

const tooManyRequests = 'Too many requests. Cool your jets and try again in a bit';

/** Decides whether a request may proceed under the rate and concurrency limits. */
export class Limiter {
  private readonly recent = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();

  public constructor(private readonly state: FakeState) {}

  /**
   * Admits the request or answers 429. When admitted, returns a release function to call when the response ends.
   */
  public admit(token: string, projectId: string | null, response: ServerResponse): (() => void) | null {
    const limits = this.state.switches.rateLimit;
    const now = this.state.now();
    const window = (this.recent.get(token) ?? []).filter((time) => now - time < 1000);
    const active = projectId === null ? 0 : (this.inFlight.get(projectId) ?? 0);
    if (limits.enabled && (window.length >= limits.requestsPerSecond || active >= limits.maxConcurrentPerProject)) {
      this.recent.set(token, window);
      this.state.count('rateLimited');
      const retryAfter: Record<string, string> = limits.sendRetryAfter ? { 'Retry-After': '1' } : {};
      sendJson(response, 429, { error: { message: tooManyRequests, code: 429 } }, retryAfter);
      return null;
    }
    window.push(now);
    this.recent.set(token, window);
    if (projectId === null) return () => undefined;
    this.inFlight.set(projectId, active + 1);
    this.state.stats.maxConcurrentSeen = Math.max(this.state.stats.maxConcurrentSeen, active + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight.set(projectId, (this.inFlight.get(projectId) ?? 1) - 1);
    };
  }
}

/** Applies latency and injected failures. */
export class FaultInjector {
  private readonly sequence: Sequence;

  public constructor(
    private readonly state: FakeState,
    seed: number,
  ) {
    this.sequence = new Sequence(seed ^ 0x5eed);
  }

  /** Waits for the configured latency. */
  public async delay(): Promise<void> {
    const latency = this.state.switches.faults.latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  }

  /** Answers the request with an injected failure when one is due; returns true when it did. */
  public maybeFail(path: string, response: ServerResponse): boolean {
    const faults = this.state.switches.faults;
    const isApi = path.startsWith('/api2/');
    if (faults.matchPath === null ? !isApi : !faults.matchPath.test(path)) return false;
    const forced = faults.failNextRequests > 0;
    if (forced && faults.spareRequests > 0) {
      faults.spareRequests -= 1;
      return false;
    }
    if (!forced && !(faults.failureRate > 0 && this.sequence.chance(faults.failureRate))) return false;
    if (forced) faults.failNextRequests -= 1;
    this.state.count('faultsInjected');
    fail(faults.failureKind, response);
    return true;
  }
}

function fail(kind: FailureKind, response: ServerResponse): void {
  // Accepted and never answered: the connection stays open until the client gives up or the fake closes.
  if (kind === 'hang') return;
  if (kind === 'stall') {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write('{"project_id":"803826145ba90b42d5d860.46800099","keys":[');
    return;
  }
  if (kind === 'drop') {
    response.socket?.destroy();
    return;
  }
  if (kind === 'truncate' || kind === 'truncate-chunked') {
    const body = '{"project_id":"803826145ba90b42d5d860.46800099","keys":[{"key_id":1,"key_name":{"ios":"cut';
    const length: Record<string, string> = kind === 'truncate' ? { 'Content-Length': String(body.length * 3) } : {};
    response.writeHead(200, { 'Content-Type': 'application/json', ...length });
    response.write(body);
    setTimeout(() => response.socket?.destroy(), 5);
    return;
  }
  if (kind === '429') {
    sendJson(response, 429, { error: { message: tooManyRequests, code: 429 } });
    return;
  }
  const status = kind === 'html502' ? 502 : kind === 'html503' ? 503 : 500;
  const title = status === 502 ? '502 Bad Gateway' : status === 503 ? '503 Service Temporarily Unavailable' : '500 Internal Server Error';
  response.writeHead(status, { 'Content-Type': 'text/html' });
  response.end(`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`);
}
