/**
 * Brings projects into the offline library, one project after another (project-sync.ts does each: a full sync, or
 * after the first one an incremental resync that downloads only what changed). A project's new snapshot replaces
 * the current one only when the whole project arrived.
 *
 * One run at a time; it reports progress (phase, counts, requests, time spent waiting on Lokalise's rate limit) and
 * can be cancelled. A failure in one project is recorded on that project and the run moves on; losing the session
 * stops the run, since nothing further could succeed.
 */
import type { SyncProgress } from '../../../common/contract';
import type { ErrorCode } from '../../../common/errors';
import { isCancellation, LocdeskError } from '../errors';
import type { Logger } from '../log';
import type { LokaliseClient } from '../lokalise/client';
import { isAuthFailure } from '../lokalise/http';
import type { LibraryStore } from '../store';
import { syncProject } from './project-sync';
import { syncFailure } from './sync-failure';

/** What the engine needs. */
export interface SyncEngineDependencies {
  readonly store: LibraryStore;
  readonly client: LokaliseClient;
  readonly logger: Logger;
  /** Receives progress, at most every `progressIntervalMs` plus at every phase change and at the end. */
  readonly onProgress: (progress: SyncProgress) => void;
  /** Told which projects now have a new snapshot (or new facts). */
  readonly onLibraryChanged: (projectIds: string[]) => void;
  /** The clock for a sync's start and for spacing progress reports (the store's own clock dates its finish). */
  readonly now?: () => number;
  readonly progressIntervalMs?: number;
  /**
   * The connection to Lokalise was lost in the middle of a run: offered the projects not yet synced (the one that
   * failed and those after it). Answers true when they will start again by themselves once Lokalise answers
   * (sync-when-online.ts), so the run stops instead of failing project after project against a dead connection.
   */
  readonly onConnectionLost?: (projectIds: string[], full: boolean) => boolean;
}

/** Error codes that mean Lokalise could not be reached, rather than that it answered something wrong. */
const connectionCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['lokalise.network', 'lokalise.no_answer', 'lokalise.stalled', 'lokalise.timeout', 'network.offline', 'network.no_answer']);

/** Whether a sync failed because the connection was lost (so trying again later, not now, is the cure). */
export function isConnectionLoss(error: unknown): boolean {
  return error instanceof LocdeskError && connectionCodes.has(error.code);
}

/** What a run stopped by a lost connection adds to its failure, when the rest of it waits for the connection. */
export const resumesByItself = 'The sync continues by itself when Lokalise is reachable again.';

/** No sync has run since the app started: what the engine, or the core without one, reports until a sync begins. */
export const idleSyncProgress: SyncProgress = {
  status: 'idle',
  projectId: null,
  projectName: null,
  projectIndex: 0,
  projectCount: 0,
  phase: null,
  done: 0,
  total: null,
  requests: 0,
  rateLimitWaitMs: 0,
  retry: null,
  message: null,
  changes: null,
};

/** How a sync runs. */
export interface SyncOptions {
  /** Download every key again instead of only what changed (a resync from scratch). Default false. */
  readonly full?: boolean;
}

/** Runs syncs, one at a time. */
export class SyncEngine {
  private progress: SyncProgress = idleSyncProgress;
  private controller: AbortController | null = null;
  private running: Promise<void> = Promise.resolve();
  private lastEmit = 0;
  private baseline = { requests: 0, rateLimitWaitMs: 0 };
  private readonly now: () => number;

  public constructor(private readonly dependencies: SyncEngineDependencies) {
    this.now = dependencies.now ?? Date.now;
    // While a request waits to be retried no page arrives; say so at once ("retrying in 12 s"), and again when it ends.
    dependencies.client.onRetryWait(() => {
      if (this.controller !== null) this.update(this.progress, true);
    });
  }

  /** The latest progress. */
  public status(): SyncProgress {
    return this.progress;
  }

  /** Resolves when no sync is running. */
  public whenIdle(): Promise<void> {
    return this.running;
  }

  /**
   * Starts syncing `projectIds`, or with null the projects kept offline (every project when none is). Returns at
   * once; a second start while one runs returns the running progress unchanged. Whatever happens, the run ends
   * with a final status (never left "running") and its promise never rejects.
   */
  public start(projectIds: readonly string[] | null, options: SyncOptions = {}): SyncProgress {
    if (this.controller !== null) return this.progress;
    const controller = new AbortController();
    this.controller = controller;
    let ids: readonly string[];
    try {
      ids = projectIds === null ? this.dependencies.store.projectsToSync() : [...new Set(projectIds)];
    } catch (error) {
      this.controller = null;
      throw error;
    }
    const stats = this.dependencies.client.stats;
    this.baseline = { requests: stats.requests, rateLimitWaitMs: stats.rateLimitWaitMs };
    this.update({ ...idleSyncProgress, status: 'running', projectCount: ids.length }, true);
    this.running = this.run(ids, controller.signal, options.full === true)
      .catch((error: unknown) => this.endAfterFailure(error))
      .finally(() => {
        this.controller = null;
      });
    return this.progress;
  }

  /** Cancels the running sync; the projects not yet finished keep their previous snapshot. */
  public cancel(): SyncProgress {
    this.controller?.abort();
    return this.progress;
  }

  /**
   * The run's own failure path failed (recording an outcome in a damaged library, say): the status still ends, as
   * failed, with the cause in words, and the run's promise resolves.
   */
  private endAfterFailure(error: unknown): void {
    this.dependencies.logger.error('sync run failed', { error });
    const failure = syncFailure(error, this.progress.projectName ?? 'the project', this.progress.phase ?? 'finalizing');
    try {
      this.update({ ...this.progress, status: isCancellation(error) ? 'cancelled' : 'failed', phase: null, message: failure.message }, true);
    } catch (reportError) {
      // A listener that throws must not leave the status at "running": set it without reporting.
      this.progress = { ...this.progress, status: 'failed', phase: null, retry: null, message: failure.message };
      this.dependencies.logger.error('sync progress could not be reported', { error: reportError });
    }
  }

  private async run(ids: readonly string[], signal: AbortSignal, full: boolean): Promise<void> {
    const failures: string[] = [];
    let index = 0;
    for (const projectId of ids) {
      index += 1;
      const known = this.dependencies.store.project(projectId);
      this.update({ ...this.progress, projectId, projectName: known?.name ?? projectId, projectIndex: index, phase: 'project', done: 0, total: known?.keysTotal ?? null, changes: null }, true);
      try {
        await this.syncProject(projectId, signal, full);
      } catch (error) {
        const failure = syncFailure(error, this.progress.projectName ?? projectId, this.progress.phase ?? 'project');
        const { message } = failure;
        if (isCancellation(error) || signal.aborted) {
          this.dependencies.store.recordSyncOutcome(projectId, 'cancelled', null);
          this.dependencies.onLibraryChanged([projectId]);
          this.update({ ...this.progress, status: 'cancelled', phase: null, message: 'Sync cancelled. Projects not finished keep their previous offline copy.' }, true);
          return;
        }
        this.dependencies.logger.warn('project sync failed', { projectId, phase: this.progress.phase, error });
        // A damaged file found while writing is the store's owner's to recover from (main/core/library-keeper.ts).
        this.dependencies.store.reportFailure(error);
        this.dependencies.store.recordSyncOutcome(projectId, 'failed', message);
        this.dependencies.onLibraryChanged([projectId]);
        failures.push(`${known?.name ?? projectId}: ${message}`);
        if (isAuthFailure(error)) {
          this.update({ ...this.progress, status: 'failed', phase: null, message }, true);
          return;
        }
        if (isConnectionLoss(error) && this.dependencies.onConnectionLost?.(ids.slice(index - 1), full) === true) {
          this.update({ ...this.progress, status: 'failed', phase: null, message: `${failures.join(' ')} ${resumesByItself}` }, true);
          return;
        }
      }
    }
    const message = failures.length === 0 ? null : failures.join(' ');
    this.update({ ...this.progress, status: failures.length === 0 ? 'done' : 'failed', phase: null, message }, true);
  }

  private async syncProject(projectId: string, signal: AbortSignal, full: boolean): Promise<void> {
    const { client, store, logger } = this.dependencies;
    const context = { store, client, logger, signal, report: (patch: Partial<SyncProgress>, force: boolean) => this.update({ ...this.progress, ...patch }, force) };
    const counts = await syncProject(context, projectId, full, this.now());
    logger.info('project synced', { projectId, keys: counts.keys, translations: counts.translations, changes: this.progress.changes ?? null });
    this.dependencies.onLibraryChanged([projectId]);
  }

  private update(next: SyncProgress, force: boolean): void {
    const stats = this.dependencies.client.stats;
    this.progress = {
      ...next,
      requests: stats.requests - this.baseline.requests,
      rateLimitWaitMs: Math.round(stats.rateLimitWaitMs - this.baseline.rateLimitWaitMs),
      retry: next.status === 'running' ? this.dependencies.client.retryWait : null,
    };
    const now = this.now();
    if (!force && now - this.lastEmit < (this.dependencies.progressIntervalMs ?? 100)) return;
    this.lastEmit = now;
    this.dependencies.onProgress(this.progress);
  }
}
