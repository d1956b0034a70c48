/**
 * Automatic updates, decided in the core: when to check, what to take, when to download, and when a restart may
 * happen. electron-updater (behind the `UpdateInstaller` port) only downloads and installs what this service chose.
 *
 * Rules: the first check runs shortly after start, then one every few hours; a failed check is retried with a
 * doubling delay. Nothing runs while the core is busy (a sync today, a push of edits once that engine exists): a
 * check that falls due then waits for the work to end, and a restart the user asked for waits too. A downloaded
 * update installs when the app quits, after the core has closed the library, so pending edits (which live in the
 * local store) survive it. The demo, development runs, builds that cannot update themselves and the user's
 * setting switch all of this off.
 */
import type { UpdateState } from '../../../common/contract';
import type { BusySignal } from '../busy-signal';
import { LocdeskError } from '../errors';
import type { Logger } from '../log';
import type { FetchFunction } from '../ports';
import { realScheduler, type Scheduler, type UpdateEdge } from './ports';
import { channelFileName, readFeed, UpdateFeedError } from './update-feed';
import { defaultUpdateTimings, describeUpdate, disabledReason, judgeRelease, retryDelay, type UpdateTimings } from './update-policy';

/** What the service needs; `edge` is null where the app has no installer at all (tests of other parts, the browser demo). */
export interface UpdateServiceOptions {
  readonly currentVersion: string;
  readonly mode: 'production' | 'demo' | 'development';
  readonly edge: UpdateEdge | null;
  /** The user's `automaticUpdates` setting, read each time it matters. */
  readonly automaticUpdates: () => boolean;
  readonly busy: BusySignal;
  /** A plain fetch (not the Lokalise one, whose failures mean "Lokalise is offline"). */
  readonly fetch: FetchFunction;
  readonly logger: Logger;
  readonly onState: (state: UpdateState) => void;
  readonly timings?: UpdateTimings;
}

type Status = UpdateState['status'];

/** The update state machine; `start` once, `stop` on close. */
export class UpdateService {
  private readonly scheduler: Scheduler;
  private readonly timings: UpdateTimings;
  /** Starts disabled; `start` switches it on when mode, build and setting allow. */
  private status: Status = 'disabled';
  private reason: UpdateState['disabledReason'] = null;
  private availableVersion: string | null = null;
  private downloadPercent: number | null = null;
  private restartPending = false;
  private lastCheckedAt: number | null = null;
  private failures = 0;
  private dueWhileBusy = false;
  private cancelTimer: (() => void) | null = null;
  private inFlight: AbortController | null = null;
  private stopBusyListener: (() => void) | null = null;
  private stopped = false;
  private lastSent = '';

  public constructor(private readonly options: UpdateServiceOptions) {
    this.scheduler = options.edge?.scheduler ?? realScheduler;
    this.timings = options.timings ?? defaultUpdateTimings;
  }

  /** Starts watching the busy signal and schedules the first check (if updates are on). */
  public start(): void {
    this.stopBusyListener = this.options.busy.onChange((busy) => {
      if (!busy) this.onIdle();
    });
    this.evaluate();
  }

  /** The current state, as the renderer sees it. */
  public state(): UpdateState {
    const facts: Omit<UpdateState, 'message'> = {
      status: this.status,
      disabledReason: this.status === 'disabled' ? this.reason : null,
      currentVersion: this.options.currentVersion,
      availableVersion: this.availableVersion,
      downloadPercent: this.downloadPercent,
      restartPending: this.restartPending,
      lastCheckedAt: this.lastCheckedAt,
    };
    return { ...facts, message: describeUpdate(facts, this.options.edge?.unsupportedReason ?? null) };
  }

  /** Call after the user's settings changed: turns updates off or on. */
  public settingsChanged(): void {
    this.evaluate();
  }

  /**
   * Installs the downloaded update now, or as soon as the running sync (or push) has finished. Throws when no update
   * is ready, so the renderer can say so.
   */
  public restartToUpdate(): UpdateState {
    if (this.status !== 'ready' || this.options.edge === null) {
      throw new LocdeskError('update.not_ready', 'No update is ready to install yet.');
    }
    if (this.options.busy.isBusy()) {
      this.restartPending = true;
      this.options.logger.info('restart to update waits for running work', { work: this.options.busy.reasons().join(',') });
      this.publish();
      return this.state();
    }
    this.restartPending = false;
    this.options.edge.installer.restartAndInstall();
    return this.state();
  }

  /** Cancels timers and any check in flight; the service does nothing afterwards. */
  public stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.inFlight?.abort();
    this.stopBusyListener?.();
  }

  /** Applies mode, support and the setting: switches off (cancelling what runs) or back on. */
  private evaluate(): void {
    if (this.stopped) return;
    const edge = this.options.edge;
    const supported = edge !== null && edge.feedUrl !== null && edge.unsupportedReason === null;
    const reason = disabledReason({ mode: this.options.mode, automaticUpdates: this.options.automaticUpdates(), supported });
    if (reason !== null) {
      if (this.status !== 'disabled') this.options.logger.info('automatic updates are off', { reason });
      this.cancelTimer?.();
      this.cancelTimer = null;
      this.inFlight?.abort();
      edge?.installer.setInstallOnQuit(false);
      this.status = 'disabled';
      this.reason = reason;
      this.availableVersion = null;
      this.downloadPercent = null;
      this.restartPending = false;
      this.dueWhileBusy = false;
      this.publish();
      return;
    }
    if (this.status === 'disabled') {
      this.status = 'idle';
      this.reason = null;
      this.schedule(this.timings.firstCheckDelayMs);
      this.publish();
    }
  }

  private schedule(delayMs: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.scheduler.schedule(delayMs, () => {
      this.cancelTimer = null;
      void this.due();
    });
  }

  /** A check fell due: run it, or remember it until the running work is done. */
  private async due(): Promise<void> {
    if (this.stopped || this.status === 'disabled') return;
    if (this.options.busy.isBusy()) {
      this.dueWhileBusy = true;
      return;
    }
    await this.check();
  }

  private onIdle(): void {
    if (this.stopped) return;
    if (this.status === 'ready' && this.restartPending && this.options.edge !== null) {
      this.restartPending = false;
      this.publish();
      this.options.edge.installer.restartAndInstall();
      return;
    }
    if (this.dueWhileBusy && this.status !== 'disabled') {
      this.dueWhileBusy = false;
      void this.check();
    }
  }

  private async check(): Promise<void> {
    const edge = this.options.edge;
    if (edge === null || edge.feedUrl === null || this.status === 'checking' || this.status === 'downloading') return;
    const controller = new AbortController();
    this.inFlight = controller;
    this.status = 'checking';
    this.publish();
    try {
      const outcome = await readFeed({
        feedUrl: edge.feedUrl,
        fileName: channelFileName(edge.platform, edge.arch),
        fetch: this.options.fetch,
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      this.lastCheckedAt = this.scheduler.now();
      this.failures = 0;
      const verdict = outcome.kind === 'none' ? null : judgeRelease(this.options.currentVersion, outcome.release);
      if (outcome.kind === 'none' || verdict === null || !verdict.take) {
        if (outcome.kind === 'release' && verdict !== null && !verdict.take) {
          this.options.logger.info('no update to take', { offered: outcome.release.version, reason: verdict.reason });
        }
        this.toIdle(this.timings.checkIntervalMs);
        return;
      }
      if (this.options.busy.isBusy()) {
        // Work started while the feed was read: the download waits for it like a due check does.
        this.dueWhileBusy = true;
        this.toIdle(this.timings.checkIntervalMs);
        return;
      }
      await this.download(outcome.release.version, controller);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.failures += 1;
      const wait = retryDelay(this.failures, this.timings);
      this.options.logger.warn('update check failed', {
        detail: error instanceof UpdateFeedError ? error.detail : (error as Error).message,
        failures: this.failures,
        retryInMs: wait,
      });
      this.status = 'failed';
      this.availableVersion = null;
      this.downloadPercent = null;
      this.schedule(wait);
      this.publish();
    } finally {
      if (this.inFlight === controller) this.inFlight = null;
    }
  }

  private async download(version: string, controller: AbortController): Promise<void> {
    const edge = this.options.edge;
    if (edge === null) return;
    this.status = 'downloading';
    this.availableVersion = version;
    this.downloadPercent = 0;
    this.publish();
    await edge.installer.download(version, (percent) => {
      if (controller.signal.aborted || this.status !== 'downloading') return;
      this.downloadPercent = Math.max(0, Math.min(100, percent));
      this.publish();
    });
    if (controller.signal.aborted) return;
    this.status = 'ready';
    this.downloadPercent = 100;
    edge.installer.setInstallOnQuit(true);
    this.options.logger.info('update downloaded; it installs on quit', { version });
    this.publish();
  }

  private toIdle(nextCheckInMs: number): void {
    this.status = 'idle';
    this.availableVersion = null;
    this.downloadPercent = null;
    this.schedule(nextCheckInMs);
    this.publish();
  }

  private publish(): void {
    const state = this.state();
    const text = JSON.stringify(state);
    if (text === this.lastSent) return;
    this.lastSent = text;
    this.options.onState(state);
  }
}
