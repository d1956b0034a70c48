/**
 * Client-side pacing that keeps Locdesk inside Lokalise's limits instead of bumping into them: at most
 * `requestsPerSecond` requests per token (6 documented), and at most `maxConcurrent` against one project at a time
 * (10 documented).
 */
import { CancelledError } from '../errors';

/** Waits `milliseconds`, or rejects with CancelledError when `signal` fires first. */
export function abortableSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new CancelledError());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits for `promise`, or rejects with CancelledError as soon as `signal` fires. */
function untilSettledOrAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** A request the pacer let through; call `finished` when its answer (or failure) arrives. */
export interface PacedRequest {
  /** How long the caller waited for its turn, in milliseconds. */
  readonly waitedMs: number;
  finished(): void;
}

interface SentRequest {
  readonly sentAt: number;
  /** The latest moment the request can have arrived, fixed when its answer came back; null while it is out. */
  arrivedBy: number | null;
}

/**
 * Keeps one token's requests inside Lokalise's "N per second" window, judged the way the server judges it: by when
 * requests *arrive*.
 *
 * Two rules, both applied to every request in the order callers asked:
 * - an interval: starts at least `1000 / requestsPerSecond` ms apart, so traffic is smooth rather than bursty;
 * - a sliding window: request k may start only a window after request k−N *arrived*.
 *
 * Arrival is unknowable, so the pacer bounds it. A request arrived before its answer came back, and (on a connection
 * that is already open) about as soon after its start as the fastest answer seen so far, since no answer comes back
 * faster than the trip to the server. So an answered request counts as arrived `fastest answer + arrivalMarginMs`
 * after its start, or at its answer if that came sooner; one still out counts as arrived `arrivalAllowanceMs` after
 * its start. Counting from the start alone is not enough: a first request that spends 100 ms opening a connection
 * arrives late, and the seventh request of a perfectly spaced stream then lands inside the server's window (seen as a
 * 429 against the fake); the first answer is the fastest one seen when it comes, so it counts in full. Counting from
 * every answer is safe but slow: a page the server takes 300 ms to build would then cost 300 ms per window, almost a
 * quarter of the rate. After the server has said "too many requests" once, the pacer stops trusting the estimate and
 * counts from answers only.
 */
export class RequestPacer {
  private readonly spacingMs: number;
  private readonly capacity: number;
  private readonly windowMs: number;
  private readonly recent: SentRequest[] = [];
  private nextStart = 0;
  private turn: Promise<void> = Promise.resolve();
  private fastestAnswerMs = Number.POSITIVE_INFINITY;
  private answersOnly = false;

  public constructor(
    requestsPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
    private readonly arrivalAllowanceMs = 300,
    private readonly arrivalMarginMs = 20,
  ) {
    if (!(requestsPerSecond > 0)) throw new RangeError('requestsPerSecond must be positive');
    this.spacingMs = 1000 / requestsPerSecond;
    this.capacity = Math.max(1, Math.floor(requestsPerSecond));
    this.windowMs = (this.capacity * 1000) / requestsPerSecond;
  }

  /** Resolves when the caller may send. Callers are served strictly in the order they asked. */
  public async take(signal?: AbortSignal): Promise<PacedRequest> {
    const askedAt = this.now();
    const previous = this.turn;
    let passTurn = (): void => undefined;
    this.turn = new Promise<void>((resolve) => (passTurn = resolve));
    try {
      await untilSettledOrAborted(previous, signal);
    } catch (error) {
      void previous.then(passTurn);
      throw error;
    }
    try {
      const start = this.earliestStart();
      if (start > this.now()) await this.sleep(start - this.now(), signal);
      const sent: SentRequest = { sentAt: Math.max(start, this.now()), arrivedBy: null };
      this.nextStart = sent.sentAt + this.spacingMs;
      this.recent.push(sent);
      if (this.recent.length > this.capacity) this.recent.shift();
      return {
        waitedMs: Math.max(0, sent.sentAt - askedAt),
        finished: () => {
          if (sent.arrivedBy !== null) return;
          const answeredAt = this.now();
          this.fastestAnswerMs = Math.min(this.fastestAnswerMs, answeredAt - sent.sentAt);
          const allowance = this.answersOnly ? this.arrivalAllowanceMs : Math.min(this.arrivalAllowanceMs, this.fastestAnswerMs + this.arrivalMarginMs);
          sent.arrivedBy = Math.min(answeredAt, sent.sentAt + allowance);
        },
      };
    } finally {
      passTurn();
    }
  }

  /**
   * Pushes every future start back, after the server said "too many requests"; from then on a request counts as
   * arrived only when its answer came (or the allowance ran out).
   */
  public pauseUntil(time: number): void {
    this.nextStart = Math.max(this.nextStart, time);
    this.answersOnly = true;
  }

  private earliestStart(): number {
    let start = Math.max(this.now(), this.nextStart);
    const oldest = this.recent.length >= this.capacity ? this.recent[this.recent.length - this.capacity] : undefined;
    if (oldest !== undefined) start = Math.max(start, (oldest.arrivedBy ?? oldest.sentAt + this.arrivalAllowanceMs) + this.windowMs);
    return start;
  }
}

/** A counting semaphore per key (project id). */
export class KeyedSemaphore {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  public constructor(private readonly limit: number) {
    // A limit below 1 (a fraction rounded down) would let no request through, and every caller would wait forever.
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`the concurrency limit must be a whole number of at least 1, not ${limit}`);
  }

  /** Waits for a free place for `key`; the returned function gives it back. */
  public async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    while ((this.active.get(key) ?? 0) >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const queue = this.waiting.get(key) ?? [];
        const wake = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const index = queue.indexOf(wake);
          if (index >= 0) queue.splice(index, 1);
          reject(new CancelledError());
        };
        queue.push(wake);
        this.waiting.set(key, queue);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active.set(key, (this.active.get(key) ?? 1) - 1);
      this.waiting.get(key)?.shift()?.();
    };
  }
}
