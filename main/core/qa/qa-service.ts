/**
 * Project-wide QA (issue 20, parts 4–5): scans every translation of a project with the checks of common/qa on
 * worker threads after each sync and on demand, one project at a time, with progress events and cancel; keeps each
 * project's choice of checks and rescans when it changes; answers the counts behind the grid's QA filter; fills
 * in the issues of the cells on a key page; and checks one key again when it changes (`recheckKey`, for the edits
 * work). Its only state is the queue and the latest progress per project; results live in qa.sqlite (the store).
 */
import { availableParallelism } from 'node:os';
import type { KeyDetail, KeyPage, KeyQuery } from '../../../common/contract';
import type { QaProgress, QaStatus } from '../../../common/contract-qa';
import type { QaSettings } from '../../../common/qa';
import { LocdeskError } from '../errors';
import type { Logger } from '../log';
import type { KeyValueStore } from '../ports';
import type { LibraryStore, PendingTranslation, QaScan } from '../store';
import { QaSettingsStore } from './qa-settings-store';

/**
 * Where unsent edits come from (the write path's outbox). A scan and a recheck check a pending value in place of
 * the synced one, so the filter shows what will be pushed.
 */
export interface PendingTranslationSource {
  /**
   * The project's unsent edits; only those of `keyIds` when given, so checking a few keys (a recheck after each
   * commit, a page) reads a few rows rather than every pending edit of the project.
   */
  pending(projectId: string, keyIds?: readonly number[]): readonly PendingTranslation[];
}

/** What the write path needs of project-wide QA (AppCore hands out the service as this). */
export interface QaHooks {
  /**
   * Asks for one key to be checked again after it changed, so the QA filter follows. It returns at once: the check
   * runs right after the caller's turn (so an edit's commit answers as soon as the edit is durable), coalesced with
   * the other keys asked for meanwhile, and its result is announced as a QA progress event. False when there is no
   * library to check against.
   */
  recheckKey(projectId: string, keyId: number): boolean;
  /** Connects the unsent edits, checked in place of the synced values. */
  usePendingTranslations(source: PendingTranslationSource): void;
}

/** What the service is built with. */
export interface QaServiceDependencies {
  /** The library, or null while it cannot be opened (it may be replaced after "forget offline data"). */
  readonly library: () => LibraryStore | null;
  /** The preferences store, where each project's settings are kept. */
  readonly settingsStore: KeyValueStore;
  readonly onProgress: (progress: QaProgress) => void;
  readonly logger: Logger;
  /** Worker threads per scan (default: `scanThreads` of the machine's cores). */
  readonly threads?: number;
  /** Key rows per range a thread takes at a time (default 1000). */
  readonly rangeSize?: number;
  /** Least time between two running progress events (default 200 ms). */
  readonly progressIntervalMs?: number;
  readonly now?: () => number;
}

const noPending: PendingTranslationSource = { pending: () => [] };

/**
 * Worker threads for a scan on a machine with `cores` logical cores: two, but never every core, so the window (the
 * main process, which answers its calls, and the renderer) keeps one while a scan runs. A two-core machine scans on
 * one thread: a 1M-translation scan there takes about twice as long (4 s on two threads here), and a search meanwhile
 * no longer waits for a core (the search bench's start-up scan ran on both cores through its first rounds).
 */
export function scanThreads(cores: number): number {
  return Math.max(1, Math.min(2, cores - 1));
}

/** Runs and answers QA across projects. */
export class QaService implements QaHooks {
  private readonly settingsStore: QaSettingsStore;
  private readonly queue: string[] = [];
  private readonly progress = new Map<string, QaProgress>();
  private current: { readonly projectId: string; scan: QaScan | null; restart: boolean } | null = null;
  private idle: (() => void)[] = [];
  private pendingSource: PendingTranslationSource = noPending;
  private lastEmit = 0;
  private closed = false;
  /** Keys waiting to be checked again, per project (a set: a burst of edits of one key checks it once). */
  private readonly rechecks = new Map<string, Set<number>>();
  private recheckTurn: NodeJS.Immediate | null = null;
  private rechecked: (() => void)[] = [];

  public constructor(private readonly dependencies: QaServiceDependencies) {
    this.settingsStore = new QaSettingsStore(dependencies.settingsStore);
  }

  /** Connects the write path's unsent edits (see `PendingTranslationSource`). */
  public usePendingTranslations(source: PendingTranslationSource): void {
    this.pendingSource = source;
  }

  private library(): LibraryStore {
    const library = this.dependencies.library();
    if (library === null) throw new LocdeskError('store.unavailable', 'The offline library is not available.');
    return library;
  }

  private now(): number {
    return (this.dependencies.now ?? Date.now)();
  }

  private progressOf(projectId: string): QaProgress {
    return this.progress.get(projectId) ?? { projectId, status: 'idle', done: 0, total: 0, message: null };
  }

  private emit(next: QaProgress, force: boolean): void {
    this.progress.set(next.projectId, next);
    const now = this.now();
    if (!force && now - this.lastEmit < (this.dependencies.progressIntervalMs ?? 200)) return;
    this.lastEmit = now;
    this.dependencies.onProgress(next);
  }

  /** The project's settings. */
  public settings(projectId: string): QaSettings {
    return this.settingsStore.get(projectId);
  }

  /** Stores the project's settings and rescans it with them (when it has been synced). */
  public updateSettings(projectId: string, settings: QaSettings): QaSettings {
    const stored = this.settingsStore.set(projectId, settings);
    if (this.dependencies.library()?.qa.freshness(projectId, stored).synced === true) this.scan(projectId);
    return stored;
  }

  /**
   * Where the project's scan stands, with the filter's counts in `isos` (every target language when empty). The
   * counts are made on a thread when none are kept (see the store's qa-counts.ts), so this answers asynchronously;
   * the rest is read when asked, after the queued rechecks have run.
   */
  public async status(projectId: string, isos: readonly string[]): Promise<QaStatus> {
    this.runRechecksFirst();
    const progress = this.progressOf(projectId);
    const state = await this.library().qa.state(projectId, this.settings(projectId), isos);
    return { projectId, progress, upToDate: state.upToDate, scannedAt: state.scannedAt, counts: state.counts };
  }

  /**
   * Scans the project (after the one running, if another project's is): a scan of this project that is already
   * running starts over, so it reads the newest snapshot and settings. `qa.not_synced` before its first sync.
   */
  public scan(projectId: string): QaProgress {
    if (!this.library().qa.freshness(projectId, this.settings(projectId)).synced) {
      throw new LocdeskError('qa.not_synced', 'This project has no offline copy yet. Sync it first; its QA checks run after the sync.');
    }
    if (this.current?.projectId === projectId) {
      this.current.restart = true;
      this.current.scan?.cancel();
      return this.progressOf(projectId);
    }
    if (!this.queue.includes(projectId)) this.queue.push(projectId);
    this.emit({ projectId, status: 'running', done: 0, total: 0, message: null }, true);
    this.pump();
    return this.progressOf(projectId);
  }

  /** Stops the project's scan (or takes it off the queue); what was stored so far stays. */
  public cancel(projectId: string): QaProgress {
    const queued = this.queue.indexOf(projectId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.emit({ ...this.progressOf(projectId), status: 'cancelled' }, true);
    }
    if (this.current?.projectId === projectId) {
      this.current.restart = false;
      this.current.scan?.cancel();
    }
    return this.progressOf(projectId);
  }

  /**
   * Scans each of `projectIds` whose stored results are not current (after a sync, and at start for all); first runs
   * the queued rechecks.
   */
  public scanWhereStale(projectIds: readonly string[]): void {
    const library = this.dependencies.library();
    if (library === null || this.closed) return;
    // The library just changed (a sync, a pushed value, theirs taken): the keys it rewrote are checked before the
    // caller goes on, so nothing reads their old findings. Only an edit's own commit leaves its recheck queued.
    this.runRechecksFirst();
    for (const projectId of projectIds) {
      try {
        const state = library.qa.freshness(projectId, this.settings(projectId));
        const busy = this.current?.projectId === projectId || this.queue.includes(projectId);
        if (state.synced && !state.upToDate && !busy) this.scan(projectId);
      } catch (error) {
        this.dependencies.logger.warn('could not look at the QA results of a project', { projectId, error });
      }
    }
  }

  /** Queues one key to be checked again right after this turn (see `QaHooks.recheckKey`). */
  public recheckKey(projectId: string, keyId: number): boolean {
    if (this.closed || this.dependencies.library() === null) return false;
    const keys = this.rechecks.get(projectId) ?? new Set<number>();
    keys.add(keyId);
    this.rechecks.set(projectId, keys);
    this.recheckTurn ??= setImmediate(() => this.runRechecks());
    return true;
  }

  /**
   * Checks one key again now (after an edit, or when its pending value changed) and stores its results, so the
   * filter and the counts follow at once. False when the key is not in the project's offline copy.
   */
  public recheckKeyNow(projectId: string, keyId: number): boolean {
    return this.library().qa.recheckKey(projectId, keyId, this.settings(projectId), this.pendingSource.pending(projectId, [keyId]));
  }

  /** Resolves once no recheck is queued (the queued ones have run and been announced). */
  public whenRechecked(): Promise<void> {
    if (this.rechecks.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.rechecked.push(resolve));
  }

  /**
   * Runs every queued recheck now: after the turn that queued them, and before anything reads QA results through
   * this service, so a read never sees a result older than the last edit. Each project's unsent edits are read once
   * per run (those of the queued keys), not once per key. A failure is logged and never reaches an edit (its commit has long answered).
   */
  public runRechecks(): void {
    if (this.recheckTurn !== null) clearImmediate(this.recheckTurn);
    this.recheckTurn = null;
    const queued = [...this.rechecks];
    this.rechecks.clear();
    for (const [projectId, keyIds] of queued) {
      try {
        const library = this.library();
        const settings = this.settings(projectId);
        const pending = this.pendingSource.pending(projectId, [...keyIds]);
        for (const keyId of keyIds) library.qa.recheckKey(projectId, keyId, settings, pending.filter((entry) => entry.keyId === keyId));
      } catch (error) {
        this.dependencies.logger.warn('could not recheck edited keys', { projectId, keys: keyIds.size, error });
      }
      // The grid's QA filter reloads its counts on a progress event that is not `running`; a running scan of the
      // project announces its own end.
      const scanning = this.current?.projectId === projectId || this.queue.includes(projectId);
      if (!scanning) this.emit(this.progressOf(projectId), true);
    }
    const waiting = this.rechecked;
    this.rechecked = [];
    for (const resolve of waiting) resolve();
  }

  /** The page with the issues of its flagged cells filled in. */
  public withIssues(page: KeyPage, query: KeyQuery): KeyPage {
    if (page.items.length === 0) return page;
    this.runRechecksFirst();
    const pending = this.pendingSource.pending(query.projectId, page.items.map((item) => item.keyId));
    return { ...page, items: this.library().qa.withIssues(query.projectId, page.items, this.settings(query.projectId), pending) };
  }

  /** The key's detail with the issues of its flagged cells filled in. */
  public detailWithIssues(projectId: string, detail: KeyDetail | null): KeyDetail | null {
    if (detail === null) return null;
    this.runRechecksFirst();
    return this.library().qa.withIssues(projectId, [detail], this.settings(projectId), this.pendingSource.pending(projectId, [detail.keyId]))[0] ?? detail;
  }

  /**
   * Runs the rechecks queued for `projectId` now, if any. For reads of its stored results that do not go through
   * this service: a page filtered by QA is chosen in SQL from those results, so without this the page asked for
   * right after an edit's commit would be chosen without that edit's findings.
   */
  public settleRechecks(projectId: string): void {
    if (this.rechecks.has(projectId)) this.runRechecks();
  }

  private runRechecksFirst(): void {
    if (this.rechecks.size > 0) this.runRechecks();
  }

  /** Resolves when no scan is running or queued. */
  public whenIdle(): Promise<void> {
    if (this.current === null && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Cancels every scan, running or queued, and waits for the threads to stop (before the library is forgotten). */
  public async cancelAll(): Promise<void> {
    // The library is about to go (forget) or close: queued rechecks of it have nothing left to check.
    this.dropRechecks();
    for (const projectId of [...this.queue]) this.cancel(projectId);
    if (this.current !== null) this.cancel(this.current.projectId);
    await this.whenIdle();
  }

  /** Cancels every scan, waits for the threads to stop, and starts no more. */
  public async close(): Promise<void> {
    // Results of the last edits are stored before the library closes, so a restart does not show stale findings.
    try {
      this.runRechecksFirst();
    } catch (error) {
      this.dependencies.logger.warn('could not recheck edited keys before closing', { error });
    }
    this.closed = true;
    await this.cancelAll();
  }

  private dropRechecks(): void {
    if (this.recheckTurn !== null) clearImmediate(this.recheckTurn);
    this.recheckTurn = null;
    this.rechecks.clear();
    const waiting = this.rechecked;
    this.rechecked = [];
    for (const resolve of waiting) resolve();
  }

  private pump(): void {
    if (this.current !== null) return;
    const next = this.closed ? undefined : this.queue.shift();
    if (next === undefined) {
      const waiting = this.idle;
      this.idle = [];
      for (const resolve of waiting) resolve();
      return;
    }
    void this.run(next);
  }

  private async run(projectId: string): Promise<void> {
    const current: { readonly projectId: string; scan: QaScan | null; restart: boolean } = { projectId, scan: null, restart: false };
    this.current = current;
    let total = 0;
    try {
      const scan = this.library().qa.startScan(projectId, {
        settings: this.settings(projectId),
        pending: this.pendingSource.pending(projectId),
        threads: this.dependencies.threads ?? scanThreads(availableParallelism()),
        rangeSize: this.dependencies.rangeSize,
        onProgress: (done, keys) => {
          // The first word of a scan carries its key count (read on a scan thread) and is always announced.
          const first = total === 0 && done === 0;
          total = keys;
          this.emit({ projectId, status: 'running', done, total, message: null }, first);
        },
      });
      current.scan = scan;
      const outcome = await scan.finished;
      const done = outcome === 'done' ? total : this.progressOf(projectId).done;
      if (!current.restart) this.emit({ projectId, status: outcome, done, total, message: null }, true);
    } catch (error) {
      this.dependencies.logger.warn('a QA scan failed', { projectId, error });
      const message = error instanceof LocdeskError ? error.message : 'The QA checks could not finish. They run again after the next sync, or when you ask.';
      this.emit({ projectId, status: 'failed', done: this.progressOf(projectId).done, total, message }, true);
    } finally {
      this.current = null;
      if (current.restart && !this.closed) this.queue.unshift(projectId);
      this.pump();
    }
  }
}
