/**
 * When a failed request is tried again, and when Locdesk stops trying.
 *
 * Two budgets, kept apart because they mean different things:
 * - "Too many requests" (429) is weather, not failure. Lokalise's limit is 6 requests a second per token *and* IP,
 *   so a CLI or a CI job of the same user drains it, and Lokalise says how long to wait only sometimes. A 429 is
 *   retried for as long as the server keeps answering, up to a patience of minutes per request, with capped
 *   exponential backoff and jitter; a `Retry-After` is honoured exactly. A long listing therefore rides out a storm
 *   and keeps every page it already has.
 * - Faults (no answer, a dropped connection, an error page, a cut-off body) are retried a few times with a short
 *   backoff, then reported: they rarely clear up by waiting longer, and the user should hear about them.
 */
import { LokaliseApiError } from './errors';

/** Why a request waits to be tried again; the sync progress shows it ("Lokalise is limiting requests"). */
export type RetryReason = 'rateLimited' | 'notAnswering' | 'unreachable' | 'serverTrouble';

/** A failure that may clear up on another try. */
export interface RetryableFailure {
  readonly reason: RetryReason;
  /** The error to report if no further try is made. */
  readonly failure: LokaliseApiError;
  /** `Retry-After` as milliseconds, when the server sent one. */
  readonly delayHintMs: number | null;
}

/** The knobs, with their defaults documented on `HttpOptions`. */
export interface RetryPolicyOptions {
  readonly maxRetries: number;
  readonly rateLimitPatienceMs: number;
  readonly rateLimitMaxWaitMs: number;
  readonly timeoutMs: number;
  readonly random: () => number;
  readonly now: () => number;
}

const firstThrottleWaitMs = 1000;
const firstFaultWaitMs = 500;
const longestFaultWaitMs = 8000;

/** A duration in words: "45 s", "10 minutes", "2 hours". */
export function spokenDuration(milliseconds: number): string {
  if (milliseconds < 9950) return `${Number((milliseconds / 1000).toFixed(1))} s`;
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}

/** One request's retries: create one per request, ask `next` after each retryable failure. */
export class RetryBudget {
  private throttledSince: number | null = null;
  private throttles = 0;
  private faults = 0;

  public constructor(
    private readonly options: RetryPolicyOptions,
    private readonly what: string,
  ) {}

  /** How long to wait before the next try; throws the error to report when no further try will be made. */
  public next(retryable: RetryableFailure): number {
    return retryable.reason === 'rateLimited' ? this.nextAfterThrottle(retryable) : this.nextAfterFault(retryable);
  }

  private nextAfterThrottle(retryable: RetryableFailure): number {
    const now = this.options.now();
    this.throttledSince ??= now;
    this.throttles += 1;
    const patience = this.options.rateLimitPatienceMs;
    const hint = retryable.delayHintMs;
    // Half fixed, half random ("equal jitter"): clients that were throttled together spread out, and none of them
    // comes back at once to a limit that is still full.
    const ceiling = Math.min(this.options.rateLimitMaxWaitMs, firstThrottleWaitMs * 2 ** Math.min(30, this.throttles - 1));
    const delay = hint ?? Math.round(ceiling / 2 + (this.options.random() * ceiling) / 2);
    if (now - this.throttledSince + delay <= patience) return delay;
    if (hint !== null && this.throttles === 1) {
      throw new LokaliseApiError(
        'lokalise.rate_limited',
        `Lokalise asked Locdesk to wait ${spokenDuration(hint)} before loading ${this.what}, longer than Locdesk waits (${spokenDuration(patience)}). Try again later.`,
        429,
      );
    }
    throw new LokaliseApiError(
      'lokalise.rate_limited',
      `Lokalise kept limiting requests for ${spokenDuration(patience)} while Locdesk was loading ${this.what}, so it stopped trying. ` +
        'Lokalise allows each person 6 requests a second, shared with every other app or script using your account at the same time. Try again later.',
      429,
    );
  }

  private nextAfterFault(retryable: RetryableFailure): number {
    this.faults += 1;
    if (this.faults > this.options.maxRetries) throw this.finalFault(retryable);
    const ceiling = Math.min(longestFaultWaitMs, firstFaultWaitMs * 2 ** (this.faults - 1));
    return Math.max(retryable.delayHintMs ?? 0, Math.round(this.options.random() * ceiling));
  }

  /** The error after the last try: for silence, a sentence that says so and what usually causes it. */
  private finalFault(retryable: RetryableFailure): LokaliseApiError {
    const { failure } = retryable;
    const tries = this.faults;
    const silence = spokenDuration(this.options.timeoutMs);
    if (failure.code === 'lokalise.no_answer') {
      return new LokaliseApiError(
        'lokalise.no_answer',
        `Lokalise is not answering: ${tries} tries to load ${this.what} got no reply within ${silence}. ` +
          'Check your internet connection; a network that wants you to sign in first (hotel or office Wi-Fi), a proxy or a VPN can hold requests like this. Your offline library stays available.',
        0,
        { cause: failure },
      );
    }
    if (failure.code === 'lokalise.stalled') {
      return new LokaliseApiError(
        'lokalise.stalled',
        `Lokalise stopped sending ${this.what} part-way ${tries} times (nothing more came for ${silence}). Check your internet connection and try again.`,
        0,
        { cause: failure },
      );
    }
    return failure;
  }
}
