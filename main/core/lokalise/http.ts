/**
 * One GET against Lokalise API v2, done the careful way: paced, bounded per project, authenticated through the
 * session, timed out, cancellable, retried where a retry can help (429, 5xx, dropped or truncated answers) and
 * never where it cannot (other 4xx). A rejected token triggers exactly one shared refresh and one retry.
 */
import { CancelledError, isCancellation, LocdeskError } from '../errors';
import type { TokenSource } from '../auth/token-source';
import type { Logger } from '../log';
import type { FetchFunction } from '../ports';
import { errorForStatus, isTokenRejection, LokaliseApiError, serverMessage } from './errors';
import { abortableSleep, KeyedSemaphore, RequestPacer } from './limits';

/** Counters the sync engine reports as progress. */
export interface RequestStats {
  requests: number;
  retries: number;
  rateLimitWaitMs: number;
  throttled429: number;
}

/** Tuning and ports for the executor, passed on unchanged by `LokaliseClient`. */
export interface HttpOptions {
  /** The API root, e.g. `https://api.lokalise.com/api2/` (from LocdeskConfig; the fake's URL in tests). */
  readonly apiUrl: string;
  /** Electron passes `net.fetch` (system proxy and trust store); tests pass `globalThis.fetch`. */
  readonly fetch: FetchFunction;
  /** The session: asked for a token before every request, told when the API rejected one. */
  readonly tokens: TokenSource;
  /** Default 6, Lokalise's documented per-token limit. */
  readonly requestsPerSecond?: number;
  /** Default 10, Lokalise's documented per-project limit. */
  readonly maxConcurrentPerProject?: number;
  /** Per attempt, default 30 s. */
  readonly timeoutMs?: number;
  /** Retries after 5xx, dropped connections, timeouts and truncated JSON; default 4. */
  readonly maxRetries?: number;
  /** Retries after 429, counted apart from `maxRetries` because throttling is expected, not a fault; default 8. */
  readonly maxRateLimitRetries?: number;
  readonly logger?: Logger;
  /** Backoff jitter source, injectable so tests can observe exact delays. */
  readonly random?: () => number;
  /** Waiting (backoff and pacing), injectable so tests need not wait for real. */
  readonly sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** The clock the pacer and `Retry-After` dates are judged by; pair it with `sleep` for a virtual clock in tests. */
  readonly now?: () => number;
}

/** What one request is about, for limits and messages. */
export interface RequestContext {
  /** A phrase for messages, e.g. "the keys of Checkout Web". */
  readonly what: string;
  readonly projectId?: string;
  readonly signal?: AbortSignal;
  /**
   * Called with a successful answer's headers before its body is read, so a paginated walk can ask for the next
   * page while this one is still downloading and being parsed.
   */
  readonly onHeaders?: (headers: Headers) => void;
}

/** A successful answer. */
export interface ApiResponse {
  readonly body: unknown;
  readonly headers: Headers;
}

/** Seconds or an HTTP date in `Retry-After`, as milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

class RetryableError extends Error {
  public constructor(
    public readonly failure: LokaliseApiError,
    public readonly delayHintMs: number | null,
  ) {
    super(failure.message);
  }
}

/** Executes API requests for one token. */
export class LokaliseHttp {
  public readonly stats: RequestStats = { requests: 0, retries: 0, rateLimitWaitMs: 0, throttled429: 0 };
  private readonly pacer: RequestPacer;
  private readonly projects: KeyedSemaphore;
  private readonly sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  public constructor(private readonly options: HttpOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    this.pacer = new RequestPacer(options.requestsPerSecond ?? 6, this.now, this.sleep);
    this.projects = new KeyedSemaphore(options.maxConcurrentPerProject ?? 10);
  }

  /** GETs `path` (relative to the API URL) with `query`, returning the parsed body and headers. */
  public async get(path: string, query: Record<string, string>, context: RequestContext): Promise<ApiResponse> {
    const url = new URL(path, this.options.apiUrl);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    let refreshed = false;
    let failures = 0;
    let throttles = 0;
    for (;;) {
      if (context.signal?.aborted === true) throw new CancelledError();
      const token = await this.options.tokens.accessToken(context.signal);
      try {
        return await this.attempt(url, token, context);
      } catch (error) {
        if (isCancellation(error)) throw error;
        if (error instanceof LokaliseApiError && error.code === 'auth.required' && !refreshed) {
          refreshed = true;
          await this.options.tokens.refreshAfterRejection(token, context.signal);
          continue;
        }
        if (!(error instanceof RetryableError)) throw error;
        const isThrottle = error.failure.status === 429;
        if (isThrottle) throttles += 1;
        else failures += 1;
        if (isThrottle ? throttles > (this.options.maxRateLimitRetries ?? 8) : failures > (this.options.maxRetries ?? 4)) throw error.failure;
        const attempt = isThrottle ? throttles : failures;
        const ceiling = Math.min(isThrottle ? 32_000 : 8_000, (isThrottle ? 1000 : 500) * 2 ** (attempt - 1));
        const delay = Math.max(error.delayHintMs ?? 0, Math.round(this.random() * ceiling));
        this.stats.retries += 1;
        if (isThrottle) {
          this.stats.throttled429 += 1;
          this.stats.rateLimitWaitMs += delay;
          this.pacer.pauseUntil(this.now() + delay);
        }
        this.options.logger?.info('retrying a Lokalise request', { what: context.what, status: error.failure.status, delayMs: delay });
        await this.sleep(delay, context.signal);
      }
    }
  }

  private async attempt(url: URL, token: string, context: RequestContext): Promise<ApiResponse> {
    const release = context.projectId === undefined ? () => undefined : await this.projects.acquire(context.projectId, context.signal);
    try {
      const paced = await this.pacer.take(context.signal);
      this.stats.rateLimitWaitMs += paced.waitedMs;
      this.stats.requests += 1;
      const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
      const signal = context.signal === undefined ? timeout : AbortSignal.any([context.signal, timeout]);
      let response: Response;
      let text: string;
      try {
        response = await this.options.fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, signal });
        paced.finished();
        if (response.ok) context.onHeaders?.(response.headers);
        text = await response.text();
      } catch (error) {
        paced.finished();
        if (context.signal?.aborted === true) throw new CancelledError();
        const timedOut = timeout.aborted;
        const message = timedOut
          ? `Lokalise did not answer in time while loading ${context.what}.`
          : `Lokalise could not be reached while loading ${context.what}. Check your connection.`;
        throw new RetryableError(new LokaliseApiError(timedOut ? 'lokalise.timeout' : 'lokalise.network', message, 0, { cause: error }), null);
      }
      return this.interpret(response, text, context);
    } finally {
      release();
    }
  }

  private interpret(response: Response, text: string, context: RequestContext): ApiResponse {
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    let body: unknown = null;
    let parsed = false;
    if (isJson || text.startsWith('{') || text.startsWith('[')) {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        parsed = false;
      }
    }
    if (response.ok) {
      if (parsed) return { body, headers: response.headers };
      throw new RetryableError(new LokaliseApiError('lokalise.bad_response', `Lokalise sent an incomplete answer while loading ${context.what}.`, response.status), null);
    }
    const message = parsed ? serverMessage(body) : null;
    if (isTokenRejection(response.status, message)) throw errorForStatus(401, message, false, context.what);
    const failure = errorForStatus(response.status, message, !parsed, context.what);
    if (response.status === 429) throw new RetryableError(failure, retryAfterMs(response.headers.get('retry-after'), this.now()));
    if (response.status >= 500 || response.status === 408) throw new RetryableError(failure, null);
    throw failure;
  }
}

/** True when `error` means the session is gone (so callers stop and show the sign-in banner). */
export function isAuthFailure(error: unknown): boolean {
  return error instanceof LocdeskError && error.code === 'auth.required';
}
