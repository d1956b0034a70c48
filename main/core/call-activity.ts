/**
 * Knows when the window has stopped asking main for things, so start-up housekeeping can wait for that.
 *
 * Why (issue 17): the library's start-up check reads every page of both files on a thread (about a second at 100,000
 * keys), and the stale-QA scan after it keeps the other cores busy for longer. Run at once, they met the window's
 * load and the translator's first page and first searches, which then shared a two-core machine with them. With the
 * search bench's child (bundled, eight interleaved pairs on copies of a freshly synced 100,000-key library, 7
 * December), the first page's median went from 3.63 to 2.98 ms with this wait; the searches' p95 (5.65 and 5.49 ms)
 * did not move beyond the noise, their first runs being cold for other reasons (docs/benchmarks.md). Nothing in them
 * is urgent: damage a query meets is handled where it is met (library-keeper.ts), and QA results stay marked stale
 * until scanned. So they wait for the window's first call and then until no call has been in flight for a quiet
 * spell, the way an editor defers its "eventually" work until its window has settled; a translator who keeps working
 * only delays them to a bound.
 */
import type { CoreApi } from '../../common/contract';
import type { BusySignal } from './busy-signal';
import type { Timers } from './ports';

/** How long main must have had no call in flight before start-up housekeeping begins. */
export const startUpQuietMs = 2_000;
/** The longest start-up housekeeping waits: it then runs even if no call came, or calls keep coming. */
export const startUpLatestMs = 20_000;

/** What `whenQuiet` waits for; the defaults are startUpQuietMs and startUpLatestMs. */
export interface QuietOptions {
  readonly quietMs?: number;
  readonly latestMs?: number;
}

/** Calls in flight and when the last one ended, as counted by the api `watchCalls` returns. */
export class CallActivity {
  private inFlight = 0;
  /** When the last call ended; null until a first call has been made. */
  private lastEnded: number | null = null;
  private closed = false;
  private readonly waiters = new Set<() => void>();

  public constructor(
    private readonly timers: Timers,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A call has started. */
  public begin(): void {
    this.inFlight += 1;
  }

  /** A call has ended (answered or failed). */
  public end(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.lastEnded = this.now();
  }

  /**
   * Resolves once a first call has been made and none has been in flight for `quietMs` since, or `latestMs` after it
   * was asked at the latest, or at once when the activity is closed (the core is closing: the work waiting on it
   * should not start). Never rejects. The spell counts from the window's first call, not from the start: a window
   * still loading makes no calls, and its load is no time to take a core from it.
   */
  public whenQuiet(options: QuietOptions = {}): Promise<void> {
    const quietMs = options.quietMs ?? startUpQuietMs;
    const deadline = this.now() + (options.latestMs ?? startUpLatestMs);
    return new Promise<void>((resolve) => {
      let cancelTimer = (): void => undefined;
      const finish = (): void => {
        cancelTimer();
        this.waiters.delete(finish);
        resolve();
      };
      const check = (): void => {
        const now = this.now();
        if (this.closed || now >= deadline) return finish();
        const quietFor = this.inFlight > 0 || this.lastEnded === null ? 0 : now - this.lastEnded;
        if (quietFor >= quietMs) return finish();
        // Look again when the spell could have run out (or the deadline come), whichever is first; a call that
        // starts meanwhile only pushes the next look further.
        cancelTimer = this.timers.set(check, Math.max(1, Math.min(quietMs - quietFor, deadline - now)));
      };
      this.waiters.add(finish);
      check();
    });
  }

  /**
   * Counts the work `signal` names (a sync, a push) as a call in flight while it runs: housekeeping started during a
   * sync would slow it, and a scan of the snapshot the sync is replacing would be thrown away when it swaps.
   */
  public follow(signal: BusySignal): void {
    if (signal.isBusy()) this.begin();
    signal.onChange((busy) => (busy ? this.begin() : this.end()));
  }

  /** Resolves every wait at once and makes later ones resolve at once: the core is closing. */
  public close(): void {
    this.closed = true;
    for (const finish of [...this.waiters]) finish();
  }
}

/**
 * The same api with every call counted in `activity`, from when it is made until its promise settles. The transports
 * (the IPC helper, the browser harnesses) dispatch into this one; the core's own warm-up uses the bare api, so it
 * does not keep the housekeeping that waits for it waiting longer still.
 */
export function watchCalls(api: CoreApi, activity: CallActivity): CoreApi {
  const domains = Object.entries(api as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>).map(([domain, methods]) => [
    domain,
    Object.fromEntries(
      Object.entries(methods).map(([name, method]) => [
        name,
        (...args: unknown[]): Promise<unknown> => {
          activity.begin();
          let answer: Promise<unknown>;
          try {
            answer = Promise.resolve(method.apply(methods, args));
          } catch (error) {
            activity.end();
            throw error;
          }
          return answer.finally(() => activity.end());
        },
      ]),
    ),
  ]);
  return Object.fromEntries(domains) as CoreApi;
}
