/**
 * Brings projects into the offline library: project, languages, then every key with its translations, streamed a
 * page at a time into the next snapshot, which replaces the current one only when the whole project arrived.
 *
 * One run at a time; it reports progress (phase, counts, requests, time spent waiting on Lokalise's rate limit) and
 * can be cancelled. A failure in one project is recorded on that project and the run moves on; losing the session
 * stops the run, since nothing further could succeed.
 */
import { setImmediate } from 'node:timers/promises';
import type { SyncProgress } from '../../../common/contract';
import { CancelledError, isCancellation, LocdeskError, toSafeError } from '../errors';
import type { Logger } from '../log';
import type { LokaliseClient } from '../lokalise/client';
import { LokaliseApiError } from '../lokalise/errors';
import { isAuthFailure } from '../lokalise/http';
import type { LibraryStore, SnapshotCounts } from '../store';

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
}

/**
 * Turns of the event loop to give pending I/O before a page is written. The client starts the request for the next
 * page as it hands over this one, but that request passes the token, the pacer and the connection pool (a few turns
 * of the loop) before it reaches the socket; writing a page blocks the loop for tens of milliseconds, so without
 * these turns the server would only start on page k+1 after page k was stored. Measured on the bench's 20,000-key
 * run: 8.7 s with no turns, 6.3 s with three.
 */
const turnsBeforeWriting = 3;

async function letRequestsGoOut(): Promise<void> {
  for (let turn = 0; turn < turnsBeforeWriting; turn += 1) await setImmediate();
}

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
};

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
   * once; a second start while one runs returns the running progress unchanged.
   */
  public start(projectIds: readonly string[] | null): SyncProgress {
    if (this.controller !== null) return this.progress;
    const ids = projectIds === null ? this.dependencies.store.projectsToSync() : [...new Set(projectIds)];
    const controller = new AbortController();
    this.controller = controller;
    const stats = this.dependencies.client.stats;
    this.baseline = { requests: stats.requests, rateLimitWaitMs: stats.rateLimitWaitMs };
    this.update({ ...idleSyncProgress, status: 'running', projectCount: ids.length }, true);
    this.running = this.run(ids, controller.signal).finally(() => {
      this.controller = null;
    });
    return this.progress;
  }

  /** Cancels the running sync; the projects not yet finished keep their previous snapshot. */
  public cancel(): SyncProgress {
    this.controller?.abort();
    return this.progress;
  }

  private async run(ids: readonly string[], signal: AbortSignal): Promise<void> {
    const failures: string[] = [];
    let index = 0;
    for (const projectId of ids) {
      index += 1;
      const known = this.dependencies.store.project(projectId);
      this.update({ ...this.progress, projectId, projectName: known?.name ?? projectId, projectIndex: index, phase: 'project', done: 0, total: known?.keysTotal ?? null }, true);
      try {
        await this.syncProject(projectId, signal);
      } catch (error) {
        const { message } = toSafeError(error);
        if (isCancellation(error) || signal.aborted) {
          this.dependencies.store.recordSyncOutcome(projectId, 'cancelled', null);
          this.dependencies.onLibraryChanged([projectId]);
          this.update({ ...this.progress, status: 'cancelled', phase: null, message: 'Sync cancelled. Projects not finished keep their previous offline copy.' }, true);
          return;
        }
        this.dependencies.logger.warn('project sync failed', { projectId, error });
        // A damaged file found while writing is the store's owner's to recover from (main/core/library-keeper.ts).
        this.dependencies.store.reportFailure(error);
        this.dependencies.store.recordSyncOutcome(projectId, 'failed', message);
        this.dependencies.onLibraryChanged([projectId]);
        failures.push(`${known?.name ?? projectId}: ${message}`);
        if (isAuthFailure(error)) {
          this.update({ ...this.progress, status: 'failed', phase: null, message }, true);
          return;
        }
      }
    }
    const message = failures.length === 0 ? null : failures.join(' ');
    this.update({ ...this.progress, status: failures.length === 0 ? 'done' : 'failed', phase: null, message }, true);
  }

  private async syncProject(projectId: string, signal: AbortSignal): Promise<void> {
    const { client, store } = this.dependencies;
    const startedAt = this.now();
    store.recordSyncOutcome(projectId, 'running', null);
    // The indexing thread (started once per session, about 0.1 s) starts while the project and its languages load.
    store.prepareIndexing();
    let project;
    try {
      project = await client.getProject(projectId, signal);
    } catch (error) {
      if (error instanceof LokaliseApiError && (error.status === 403 || error.status === 404)) {
        store.markAccessLost(projectId);
        throw new LocdeskError('sync.access_lost', 'You can no longer open this project in Lokalise; its offline copy is kept.');
      }
      throw error;
    }
    store.rememberProject(project);
    this.update({ ...this.progress, projectName: project.name, phase: 'languages', total: project.keysTotal }, true);
    const languages = await client.listLanguages(projectId, signal);
    const snapshot = await store.openSnapshot(projectId, project.keysTotal);
    let counts: SnapshotCounts;
    try {
      await snapshot.writeLanguages(languages);
      this.update({ ...this.progress, phase: 'keys', done: 0 }, true);
      for await (const page of client.keyPages(projectId, { signal })) {
        if (signal.aborted) throw new CancelledError();
        await letRequestsGoOut();
        const written = await snapshot.writeKeys(page);
        this.update({ ...this.progress, done: written.keys, total: Math.max(project.keysTotal, written.keys) }, false);
      }
      if (signal.aborted) throw new CancelledError();
      this.update({ ...this.progress, phase: 'finalizing' }, true);
      counts = await snapshot.commit(project, startedAt);
    } catch (error) {
      await snapshot.abort();
      throw error;
    }
    this.dependencies.logger.info('project synced', { projectId, keys: counts.keys, translations: counts.translations });
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
