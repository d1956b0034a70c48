/**
 * Holds the offline library and the sync engine that writes it, and keeps both usable when the library's files are
 * damaged, without a restart.
 *
 * Damage can appear at any time: a disk error, a crash of another program writing into the folder, a backup tool
 * restoring half a file. A call that meets it still fails with `store.corrupt` (it cannot answer), but the keeper then
 * asks SQLite which file is damaged: a damaged search index is derived data and is rebuilt from the library at once; a
 * damaged library is set aside (renamed, never deleted: it may still be worth something to a support engineer) and a
 * fresh one opened, remembering which projects were kept offline so a refresh and one sync bring the copy back.
 * Damage that happened while the app was closed is found at start-up by a check on a worker thread, so the window
 * does not wait for a full read of the files. "Forget local data" always works, damaged files or not.
 */
import { LocdeskError } from './errors';
import type { Logger } from './log';
import { checkLibraryFiles, LibraryStore, type IntegrityReport, type LibraryOptions } from './store';
import type { SyncEngine } from './sync/sync-engine';

/** What the window says after a damaged library was set aside. */
export const libraryReplacedNotice =
  'Your offline library was damaged, so Locdesk set it aside and started a fresh one. Refresh your projects and sync them to get your offline copy back.';

/** How the keeper opens the library and tells the rest of the core what changed. */
export interface LibraryKeeperOptions {
  readonly folder: string;
  readonly logger: Logger;
  readonly makeSync: (store: LibraryStore) => SyncEngine;
  /** Told when the library was replaced or rebuilt, so the window re-reads its projects and the notice. */
  readonly onReplaced: () => void;
  /** The start-up check of the files; checkLibraryFiles (a worker thread) by default. */
  readonly checkFiles?: (folder: string) => Promise<IntegrityReport>;
}

/** The library, its sync engine, and what to tell the translator about either. */
export class LibraryKeeper {
  private store: LibraryStore | null = null;
  private sync: SyncEngine | null = null;
  /** Why there is no library (it could not be opened); the window offers a fresh start. */
  private unavailable: string | null = null;
  /** Said once a damaged library was replaced, until the translator has refreshed their projects. */
  private replacedNotice: string | null = null;
  /** Projects kept offline in a library that was set aside, kept again once a refresh lists them. */
  private keptBeforeDamage: string[] = [];
  /**
   * The projects kept offline, as last read from a healthy library: a damaged one may no longer say (its projects
   * table may be among the damaged pages).
   */
  private keptKnown: string[] = [];
  private recovery: Promise<void> | null = null;
  private closed = false;

  public constructor(private readonly options: LibraryKeeperOptions) {
    this.open(() => LibraryStore.open(options.folder, this.storeOptions()));
  }

  /** Why the library cannot be used at all, or null. */
  public get problem(): string | null {
    return this.unavailable;
  }

  /** What the window should say about a library that was replaced after damage, or null. */
  public get notice(): string | null {
    return this.replacedNotice;
  }

  /** The library; throws `store.unavailable` when it could not be opened. */
  public library(): LibraryStore {
    if (this.store === null) throw new LocdeskError('store.unavailable', this.unavailable ?? 'The offline library is not available.');
    return this.store;
  }

  /** The sync engine; throws like library(). */
  public engine(): SyncEngine {
    if (this.sync === null) throw new LocdeskError('store.unavailable', this.unavailable ?? 'The offline library is not available.');
    return this.sync;
  }

  /** The library when there is one, else null (for services that simply skip their work without one). */
  public currentLibrary(): LibraryStore | null {
    return this.store;
  }

  /** The sync engine when there is a library, else null (status and shutdown work without one). */
  public currentSync(): SyncEngine | null {
    return this.sync;
  }

  /** Resolves once a recovery under way (if any) has finished; tests and forget() wait on it. */
  public async whenSettled(): Promise<void> {
    await this.recovery;
  }

  /**
   * Checks both files on a worker thread and recovers from what it finds; run once after start-up. A check that
   * cannot run is logged and changes nothing.
   */
  public async checkAtStart(): Promise<IntegrityReport | null> {
    if (this.store === null) return null;
    const report = await (this.options.checkFiles ?? checkLibraryFiles)(this.options.folder);
    if (this.closed) return report;
    if (report.library === 'damaged' || report.searchIndex === 'damaged') {
      this.options.logger.warn('damage found at start-up', { library: report.library, searchIndex: report.searchIndex });
      this.noticeDamage();
      await this.whenSettled();
    }
    return report;
  }

  /** Starts a recovery (once, however many calls met the damage at the same time). */
  public noticeDamage(): void {
    if (this.recovery !== null || this.closed) return;
    this.recovery = this.recover()
      .catch((error: unknown) => this.options.logger.error('could not recover from a damaged library', { error }))
      .finally(() => {
        this.recovery = null;
      });
  }

  /**
   * After a refresh has saved the project list: keeps offline again the projects that were kept offline in a library
   * set aside, then drops the notice, since what it asked for has been done.
   */
  public projectListSaved(): void {
    if (this.store === null || this.replacedNotice === null) return;
    const listed = new Set(this.store.listProjects().map((project) => project.projectId));
    for (const projectId of this.keptBeforeDamage.filter((id) => listed.has(id))) this.store.setKeepOffline(projectId, true);
    this.keptBeforeDamage = [];
    this.replacedNotice = null;
    this.keptOfflineChanged();
    this.options.onReplaced();
  }

  /** Notes which projects are kept offline; call after the choice changes, so a later recovery can restore it. */
  public keptOfflineChanged(): void {
    try {
      this.keptKnown = (this.store?.listProjects() ?? []).filter((project) => project.keepOffline).map((project) => project.projectId);
    } catch {
      // A damaged library keeps the last list read from it.
    }
  }

  /** Deletes every project, key and translation; works whether the files are healthy, damaged, or unopenable. */
  public async forget(): Promise<void> {
    await this.whenSettled();
    if (this.store === null) {
      this.open(() => LibraryStore.rebuild(this.options.folder, this.storeOptions()));
    } else {
      this.engine().cancel();
      await this.engine().whenIdle();
      try {
        this.library().forgetAll();
      } catch (error) {
        if (!(error instanceof LocdeskError && error.code === 'store.corrupt')) throw error;
        await this.whenSettled();
        // What recovery did (a fresh library, or a rebuilt index) may still hold rows: forget those too.
        this.library().forgetAll();
      }
    }
    this.keptBeforeDamage = [];
    this.replacedNotice = null;
  }

  /** Stops the sync and closes the library. */
  public async close(): Promise<void> {
    this.closed = true;
    await this.whenSettled();
    this.sync?.cancel();
    await this.sync?.whenIdle();
    this.store?.close();
  }

  private storeOptions(): LibraryOptions {
    return { logger: this.options.logger, onDamage: () => this.noticeDamage() };
  }

  private open(opening: () => LibraryStore): void {
    try {
      this.store = opening();
      this.unavailable = null;
      this.sync = this.options.makeSync(this.store);
      this.keptOfflineChanged();
    } catch (error) {
      this.store = null;
      this.sync = null;
      this.unavailable = error instanceof LocdeskError ? error.message : 'The offline library could not be opened.';
    }
  }

  private async recover(): Promise<void> {
    const store = this.store;
    if (store === null) return;
    const part = store.damagedPart();
    if (part === null) {
      this.options.logger.warn('a call met damage, but the quick check finds both files whole');
      return;
    }
    if (part === 'searchIndex') {
      this.options.logger.warn('the search index is damaged: rebuilding it from the library');
      try {
        store.rebuildSearchIndex();
        this.options.onReplaced();
        return;
      } catch (error) {
        this.options.logger.error('the search index could not be rebuilt; setting the library aside', { error });
      }
    }
    await this.setAside(store);
  }

  private async setAside(store: LibraryStore): Promise<void> {
    this.options.logger.warn('the offline library is damaged: setting it aside and starting a fresh one');
    const sync = this.sync;
    sync?.cancel();
    await sync?.whenIdle();
    this.keptOfflineChanged();
    this.keptBeforeDamage = this.keptKnown;
    store.close();
    this.open(() => LibraryStore.rebuild(this.options.folder, this.storeOptions()));
    if (this.store !== null) this.replacedNotice = libraryReplacedNotice;
    this.options.onReplaced();
  }
}
