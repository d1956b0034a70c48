/**
 * Looks for Lokalise while nothing else does, so the window knows it is offline before the translator presses
 * Sync, and knows it is back without them pressing anything.
 *
 * A check is one unauthenticated `HEAD` of the API host's root: any HTTP answer, whatever its status, means the
 * host is reachable; a network failure or no answer within the silence limit (15 s, the same as every request)
 * means it is not. No token goes with it, so it cannot leak one or spend the translator's rate limit.
 *
 * When checks happen:
 * - online, only when Lokalise has not been heard from (by a real request or a check) for `onlineCheckMs`;
 * - offline, after `offlineCheckMs` (a minute by default), doubling after each failed check up to
 *   `offlineCheckMaxMs`. Two checks while offline are never closer than `offlineCheckMs`, whatever happens.
 * - when the OS reports a network again, at once (within that same spacing); while the OS reports none, never:
 *   there is nothing to reach, and the OS will say when there is.
 */
import type { ConnectivityTracker } from './connectivity';
import type { Logger } from './log';
import type { FetchFunction, NetworkSignal, Timers } from './ports';

/** What the window says when the OS has no network at all. */
export const systemOfflineMessage = 'Your computer is not connected to a network. Your offline library is still available.';
/** What the window says when the network is up but Lokalise does not answer a check. */
export const unreachableMessage = 'Lokalise cannot be reached. Your offline library is still available.';
/** What the window says when a check got no answer within the silence limit. */
export const silentMessage = 'Lokalise is not answering. Your offline library is still available.';

/** How often and how patiently to check. */
export interface ReachabilityTiming {
  /** While online: check when Lokalise has been silent this long. */
  readonly onlineCheckMs: number;
  /** While offline: the first wait, and the least time between two checks. */
  readonly offlineCheckMs: number;
  /** While offline: the longest wait the backoff grows to. */
  readonly offlineCheckMaxMs: number;
  /** How long a check waits for an answer before it counts as "not answering". */
  readonly answerTimeoutMs: number;
}

/** Defaults: at most one check a minute while offline, backing off to five minutes. */
export const defaultReachabilityTiming: ReachabilityTiming = {
  onlineCheckMs: 30_000,
  offlineCheckMs: 60_000,
  offlineCheckMaxMs: 300_000,
  answerTimeoutMs: 15_000,
};

/** What the monitor needs. */
export interface ReachabilityDependencies {
  /** Any URL on the API host; its origin is what gets checked. */
  readonly apiUrl: string;
  /** The raw fetch (not the tracked one: the monitor reports its own outcomes). */
  readonly fetch: FetchFunction;
  readonly tracker: ConnectivityTracker;
  /** The OS's signal; null where there is none (tests, the browser demo). */
  readonly network: NetworkSignal | null;
  readonly timers: Timers;
  readonly now: () => number;
  readonly timing: ReachabilityTiming;
  readonly logger: Logger;
}

/** Schedules reachability checks and reports what they find to the tracker. */
export class ReachabilityMonitor {
  private readonly target: string | null;
  private cancelTimer: (() => void) | null = null;
  private readonly stops: (() => void)[] = [];
  private checking = false;
  private stopped = false;
  /** When the last check started; -Infinity before the first. */
  private lastCheckAt = Number.NEGATIVE_INFINITY;
  /** When Lokalise was last found unreachable by anyone (a request, the OS, a check). */
  private offlineSince = Number.NEGATIVE_INFINITY;
  /** The wait after the next failed check; grows while offline, reset when Lokalise answers. */
  private offlineWaitMs: number;
  /** Checks made so far (for tests and the log). */
  public checks = 0;

  public constructor(private readonly dependencies: ReachabilityDependencies) {
    this.target = URL.canParse(dependencies.apiUrl) ? new URL('/', dependencies.apiUrl).toString() : null;
    this.offlineWaitMs = dependencies.timing.offlineCheckMs;
  }

  /** Starts following the OS signal and scheduling checks. */
  public start(): void {
    const { network, tracker } = this.dependencies;
    if (network !== null) {
      this.stops.push(network.watch((online) => this.networkChanged(online)));
      if (!network.isOnline()) tracker.reportOffline(systemOfflineMessage);
    }
    this.stops.push(
      tracker.onFlip((online) => {
        if (online) this.offlineWaitMs = this.dependencies.timing.offlineCheckMs;
        else this.offlineSince = this.dependencies.now();
        this.schedule();
      }),
    );
    this.schedule();
  }

  /** Stops every timer and listener. Safe to call twice. */
  public stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    for (const stop of this.stops.splice(0)) stop();
  }

  private systemOffline(): boolean {
    return this.dependencies.network?.isOnline() === false;
  }

  private networkChanged(online: boolean): void {
    if (!online) {
      this.dependencies.tracker.reportOffline(systemOfflineMessage);
      this.schedule();
      return;
    }
    // The network is back: look for Lokalise as soon as the spacing allows, from the shortest wait again.
    this.offlineWaitMs = this.dependencies.timing.offlineCheckMs;
    this.schedule(true);
  }

  /** Sets the one timer for the next check, or none while the OS has no network. */
  private schedule(soon = false): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.stopped || this.target === null || this.checking) return;
    const { tracker, timing, now } = this.dependencies;
    if (this.systemOffline()) {
      tracker.setNextCheck(null);
      return;
    }
    const online = tracker.get().online;
    const earliest = this.lastCheckAt + timing.offlineCheckMs;
    const waited = Math.max(this.lastCheckAt, this.offlineSince) + this.offlineWaitMs;
    const due = online ? tracker.lastHeardAt() + timing.onlineCheckMs : Math.max(soon ? now() : waited, earliest);
    const at = Math.max(due, now());
    tracker.setNextCheck(online ? null : at);
    this.cancelTimer = this.dependencies.timers.set(() => this.fire(), at - now());
  }

  private fire(): void {
    this.cancelTimer = null;
    const { tracker, timing, now } = this.dependencies;
    // A real request may have been answered meanwhile; then no check is needed yet.
    if (tracker.get().online && now() - tracker.lastHeardAt() < timing.onlineCheckMs) return this.schedule();
    void this.check();
  }

  private async check(): Promise<void> {
    if (this.target === null || this.checking) return;
    const { tracker, timing } = this.dependencies;
    this.checking = true;
    this.checks += 1;
    this.lastCheckAt = this.dependencies.now();
    const outcome = await this.ask(this.target, timing.answerTimeoutMs);
    this.checking = false;
    if (this.stopped) return;
    if (this.systemOffline()) return this.schedule();
    if (outcome === 'answered') {
      tracker.reportOnline();
    } else {
      if (!tracker.get().online) this.offlineWaitMs = Math.min(this.offlineWaitMs * 2, timing.offlineCheckMaxMs);
      tracker.reportOffline(outcome === 'silent' ? silentMessage : unreachableMessage);
    }
    this.schedule();
  }

  private async ask(target: string, timeoutMs: number): Promise<'answered' | 'silent' | 'failed'> {
    const controller = new AbortController();
    const timeout = { expired: false };
    const cancel = this.dependencies.timers.set(() => {
      timeout.expired = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await this.dependencies.fetch(target, { method: 'HEAD', redirect: 'manual', cache: 'no-store', signal: controller.signal });
      await response.body?.cancel().catch(() => undefined);
      return 'answered';
    } catch (error) {
      this.dependencies.logger.info('reachability check failed', { error: timeout.expired ? 'no answer' : error });
      return timeout.expired ? 'silent' : 'failed';
    } finally {
      cancel();
    }
  }
}
