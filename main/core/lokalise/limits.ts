/**
 * Client-side pacing that keeps Locdesk inside Lokalise's limits instead of bumping into them: requests are spaced
 * to at most `requestsPerSecond` per token, and at most `maxConcurrent` run against one project at a time.
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

/**
 * Hands out request start times at least `1000 / requestsPerSecond` apart (plus a 1% margin for timer jitter), so
 * a steady stream never exceeds the server's per-second window.
 */
export class RequestPacer {
  private nextSlot = 0;
  private readonly spacingMs: number;

  public constructor(
    requestsPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
  ) {
    this.spacingMs = (1000 / requestsPerSecond) * 1.01;
  }

  /** Resolves when the caller may send; returns how long it waited. */
  public async take(signal?: AbortSignal): Promise<number> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.spacingMs;
    const wait = slot - now;
    if (wait > 0) await this.sleep(wait, signal);
    return wait;
  }

  /** Pushes every future slot back, after the server said "too many requests". */
  public pauseUntil(time: number): void {
    this.nextSlot = Math.max(this.nextSlot, time);
  }
}

/** A counting semaphore per key (project id). */
export class KeyedSemaphore {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  public constructor(private readonly limit: number) {}

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
