/**
 * One GET against Lokalise API v2, done the careful way: paced, bounded per project, authenticated through the
 * session, watched for silence, cancellable, and retried where a retry can help — for minutes while Lokalise says
 * "too many requests", a few times after a fault — and never where it cannot. A rejected token triggers exactly one
 * shared refresh and one retry; a redirect that leaves the API's origin is refused, so the token never travels.
 *
 * Because retries happen here, per request, a paginated walk that meets a rate-limit storm keeps the pages it has
 * and continues from its cursor. One executor (and so one pacer) serves every caller of one token: the sync, the
 * project list, and the pushes to come.
 */
import { abortReason } from '../abort-reason';
import { ScopeMissingError } from '../scopes';
import type { TokenSource } from '../auth/token-source';
import { LocdeskError } from '../errors';
import type { Logger } from '../log';
import type { FetchFunction } from '../ports';
import { fetchBytes, fetchText, NoAnswerError } from '../silence-fetch';
import { LokaliseApiError } from './errors';
import { abortableSleep, KeyedSemaphore, RequestPacer } from './limits';
import { RetryBudget, spokenDuration, type RetryReason, type RetryableFailure } from './retry-policy';
import { verdictFor, verdictForBytes, type Verdict } from './verdict';

export { retryAfterMs } from './verdict';
export type { RetryReason } from './retry-policy';

/** Counters the sync engine reports as progress. */
export interface RequestStats {
  requests: number;
  retries: number;
  rateLimitWaitMs: number;
  throttled429: number;
}

/** A request waiting to be tried again: why, and when the next try goes out (epoch ms, on `now`'s clock). */
export interface RetryWait {
  readonly reason: RetryReason;
  readonly at: number;
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
  readonly requestsPerSecond?: number | undefined;
  /** Default 10, Lokalise's documented per-project limit; a whole number of at least 1. */
  readonly maxConcurrentPerProject?: number | undefined;
  /**
   * How long a request may go without hearing from Lokalise, before its answer starts and between chunks of the
   * answer, before it counts as "not answering"; default 15 s. A large page that keeps arriving is never cut off.
   */
  readonly timeoutMs?: number | undefined;
  /** Retries after silence, dropped connections, error pages and cut-off answers; default 4. */
  readonly maxRetries?: number | undefined;
  /** How long one request keeps retrying while Lokalise answers 429; default 10 minutes. */
  readonly rateLimitPatienceMs?: number | undefined;
  /** The longest wait between tries after a 429 without `Retry-After`; default 30 s. */
  readonly rateLimitMaxWaitMs?: number | undefined;
  readonly logger?: Logger | undefined;
  /** Backoff jitter source, injectable so tests can observe exact delays. */
  readonly random?: (() => number) | undefined;
  /** Waiting (backoff and pacing), injectable so tests need not wait for real. */
  readonly sleep?: ((milliseconds: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** The clock the pacer and `Retry-After` dates are judged by; pair it with `sleep` for a virtual clock in tests. */
  readonly now?: (() => number) | undefined;
}

/** What one request is about, for limits and messages. */
export interface RequestContext {
  /** A phrase for messages, e.g. "the keys of Checkout Web". */
  readonly what: string;
  readonly projectId?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The OAuth scope the endpoint needs, so a 403 can be told apart: a missing scope, or no access. */
  readonly scope?: string | undefined;
  /**
   * Called with a successful answer's headers before its body is read, so a paginated walk can ask for the next
   * page while this one is still downloading and being parsed.
   */
  readonly onHeaders?: ((headers: Headers) => void) | undefined;
  /**
   * True leaves a successful JSON answer's body as its bytes (`ApiResponse.body` is then a Uint8Array with a buffer
   * of its own), so a large page can be transferred to another thread and decoded and parsed there: decoding and
   * parsing 2.5 MB of keys stalls the main process's event loop (issue 17).
   */
  readonly unparsed?: boolean | undefined;
}

/** A successful answer. */
export interface ApiResponse {
  readonly body: unknown;
  readonly headers: Headers;
}

/** What one request has already done about its token, so each remedy is tried once. */
interface TokenRemedies {
  refreshed: boolean;
}

const maximumRedirects = 5;

/** Executes API requests for one token. */
export class LokaliseHttp {
  public readonly stats: RequestStats = { requests: 0, retries: 0, rateLimitWaitMs: 0, throttled429: 0 };
  private readonly pacer: RequestPacer;
  private readonly projects: KeyedSemaphore;
  private readonly sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly apiUrl: URL;
  private currentWait: RetryWait | null = null;
  private readonly waitListeners = new Set<(wait: RetryWait | null) => void>();

  public constructor(private readonly options: HttpOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortableSleep;
    this.apiUrl = new URL(options.apiUrl);
    this.pacer = new RequestPacer(options.requestsPerSecond ?? 6, this.now, this.sleep);
    this.projects = new KeyedSemaphore(options.maxConcurrentPerProject ?? 10);
  }

  /** The latest retry wait still under way, or null: what the sync progress shows as "retrying in 12 s". */
  public get retryWait(): RetryWait | null {
    return this.currentWait;
  }

  /** Subscribes to retry waits starting and ending; returns the unsubscribe function. */
  public onRetryWait(listener: (wait: RetryWait | null) => void): () => void {
    this.waitListeners.add(listener);
    return () => this.waitListeners.delete(listener);
  }

  /** GETs `path` (relative to the API URL) with `query`, returning the parsed body and headers. */
  public async get(path: string, query: Record<string, string>, context: RequestContext): Promise<ApiResponse> {
    const url = new URL(path, this.apiUrl);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    try {
      return await this.run(url, context);
    } catch (error) {
      if (context.signal?.aborted === true) throw abortReason(context.signal);
      throw error;
    }
  }

  /**
   * PUTs `body` as JSON to `path`, through the same pacer, per-project limit and token handling as reads. A write
   * is retried here only after a 429, which Lokalise answers before doing anything. Silence, a dropped connection,
   * an error page or a 400 are thrown at once: the write may or may not have been applied (or the body is wrong),
   * and only the caller can tell by reading the server's copy again before trying anything else.
   */
  public async put(path: string, body: unknown, context: RequestContext): Promise<ApiResponse> {
    const url = new URL(path, this.apiUrl);
    try {
      return await this.run(url, context, JSON.stringify(body));
    } catch (error) {
      if (context.signal?.aborted === true) throw abortReason(context.signal);
      throw error;
    }
  }

  private async run(first: URL, context: RequestContext, writeBody: string | null = null): Promise<ApiResponse> {
    const budget = new RetryBudget(
      {
        maxRetries: this.options.maxRetries ?? 4,
        rateLimitPatienceMs: this.options.rateLimitPatienceMs ?? 600_000,
        rateLimitMaxWaitMs: this.options.rateLimitMaxWaitMs ?? 30_000,
        timeoutMs: this.timeoutMs,
        random: this.options.random ?? Math.random,
        now: this.now,
      },
      context.what,
    );
    const remedies: TokenRemedies = { refreshed: false };
    let url = first;
    let redirects = 0;
    for (;;) {
      if (context.signal?.aborted === true) throw abortReason(context.signal);
      const token = await this.options.tokens.accessToken(context.signal);
      const verdict = await this.attempt(url, token, context, writeBody);
      switch (verdict.kind) {
        case 'answer':
          return { body: verdict.body, headers: verdict.headers };
        case 'retry':
          if (writeBody !== null && verdict.reason !== 'rateLimited') throw verdict.failure;
          await this.waitToRetry(budget.next(verdict), verdict, context);
          break;
        case 'redirect':
          redirects += 1;
          if (redirects > maximumRedirects) throw new LokaliseApiError('lokalise.request', `Lokalise kept redirecting the request for ${context.what}.`, 0);
          url = verdict.location;
          break;
        case 'token':
          // A 400 may or may not be about the token; a fresh token settles it, and a second 400 is about the request.
          // A write's 400 is about its body: the read just before it used the same token.
          if (remedies.refreshed || (writeBody !== null && !verdict.certain)) throw verdict.failure;
          remedies.refreshed = true;
          await this.options.tokens.refreshAfterRejection(token, context.signal);
          break;
        case 'forbidden':
          await this.judgeForbidden(verdict, token, remedies, context);
          break;
        case 'fail':
          throw verdict.failure;
      }
    }
  }

  /**
   * A 403: a scope the sign-in lacks (ask the user to sign in again) or a project the user may not open (say so).
   * When the token's scopes are unknown, one refresh tells them (Lokalise names the scopes when it refreshes) and
   * the request is tried once more; returning means "try again".
   */
  private async judgeForbidden(verdict: Extract<Verdict, { kind: 'forbidden' }>, token: string, remedies: TokenRemedies, context: RequestContext): Promise<void> {
    const scope = verdict.scope ?? context.scope ?? null;
    if (scope === null) throw verdict.failure;
    const tokens = this.options.tokens;
    const granted = tokens.grantedScopes?.() ?? null;
    if (verdict.insufficientScope || (granted !== null && !granted.includes(scope))) {
      tokens.scopeMissing?.(scope);
      throw new ScopeMissingError(scope);
    }
    if (granted !== null || remedies.refreshed) throw verdict.failure;
    remedies.refreshed = true;
    await tokens.refreshAfterRejection(token, context.signal);
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 15_000;
  }

  private async attempt(url: URL, token: string, context: RequestContext, writeBody: string | null): Promise<Verdict> {
    const release = context.projectId === undefined ? () => undefined : await this.projects.acquire(context.projectId, context.signal);
    try {
      const paced = await this.pacer.take(context.signal);
      this.stats.rateLimitWaitMs += paced.waitedMs;
      this.stats.requests += 1;
      let exchanged: { response: Response; text: string } | { response: Response; bytes: Uint8Array };
      try {
        // A body left unparsed stays bytes: decoding it is the reading thread's work too.
        exchanged = await (context.unparsed === true ? fetchBytes : fetchText)(this.options.fetch, url, {
          init:
            writeBody === null
              ? { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, redirect: 'manual' }
              : { method: 'PUT', body: writeBody, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' }, redirect: 'manual' },
          silenceMs: this.timeoutMs,
          signal: context.signal,
          onHeaders: (response) => {
            paced.finished();
            if (response.ok) context.onHeaders?.(response.headers);
          },
        });
      } catch (error) {
        paced.finished();
        if (context.signal?.aborted === true) throw abortReason(context.signal);
        return this.failedExchange(error, context.what);
      }
      if ('bytes' in exchanged) return verdictForBytes(exchanged.response, exchanged.bytes, url, context.what, this.now());
      return verdictFor(exchanged.response, exchanged.text, url, context.what, this.now());
    } finally {
      release();
    }
  }

  /** The verdict for an exchange that brought no complete answer: silence or a network failure, both retried. */
  private failedExchange(error: unknown, what: string): Verdict {
    if (error instanceof NoAnswerError) {
      const failure =
        error.phase === 'answer'
          ? new LokaliseApiError('lokalise.no_answer', `Lokalise is not answering: nothing came back within ${spokenDuration(error.silenceMs)} while Locdesk was loading ${what}.`, 0, { cause: error })
          : new LokaliseApiError('lokalise.stalled', `Lokalise stopped sending ${what} part-way.`, 0, { cause: error });
      return { kind: 'retry', reason: 'notAnswering', failure, delayHintMs: null };
    }
    const failure = new LokaliseApiError('lokalise.network', `Lokalise could not be reached while Locdesk was loading ${what}. Check your internet connection.`, 0, { cause: error });
    return { kind: 'retry', reason: 'unreachable', failure, delayHintMs: null };
  }

  /** Waits `delay` before the next try, shown as a retry wait; a throttle also holds back every other request. */
  private async waitToRetry(delay: number, retryable: RetryableFailure, context: RequestContext): Promise<void> {
    this.stats.retries += 1;
    if (retryable.reason === 'rateLimited') {
      this.stats.throttled429 += 1;
      this.stats.rateLimitWaitMs += delay;
      this.pacer.pauseUntil(this.now() + delay);
    }
    this.options.logger?.info('retrying a Lokalise request', { what: context.what, reason: retryable.reason, status: retryable.failure.status, delayMs: delay });
    const wait: RetryWait = { reason: retryable.reason, at: this.now() + delay };
    this.setWait(wait);
    try {
      await this.sleep(delay, context.signal);
    } finally {
      if (this.currentWait === wait) this.setWait(null);
    }
  }

  private setWait(wait: RetryWait | null): void {
    this.currentWait = wait;
    for (const listener of [...this.waitListeners]) listener(wait);
  }
}

/** True when `error` means the session cannot go on as it is (so callers stop and show the sign-in banner). */
export function isAuthFailure(error: unknown): boolean {
  return error instanceof LocdeskError && (error.code === 'auth.required' || error.code === 'auth.session_expired' || error.code === 'auth.scope_missing');
}
