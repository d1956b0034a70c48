/**
 * The offline library: one SQLite file in the user-data folder holding every synced project, readable with no
 * network. This class is the store's one door (index.ts exports nothing else but plain-data types): AppCore reads
 * through it, and the sync engine writes through the `SnapshotWriting` it opens. Every method takes and returns
 * plain data, never a connection, statement or class instance, so the store can later run behind a message boundary
 * (issue 17). The SQL lives in the modules it delegates to.
 */
import type { KeyDetail, KeyPage, KeyQuery, ProjectFacets, ProjectSummary } from '../../../common/contract';
import { LocdeskError } from '../errors';
import type { KeyPageInput, KeyTimes, LokaliseProject, LokaliseTeam } from '../lokalise/types';
import { readKeyTimes } from '../lokalise/wire';
import { silentLogger, type Logger } from '../log';
import type { Connection } from './connection';
import { openDatabase, rebuildDatabase, storeError } from './database';
import { storePath } from './library-file';
import { forgetSnapshotCaches, keyDetail, keyPage, projectFacets, projectFacetsElsewhere, searchArriving } from './key-queries';
import { searchArraysOnThreads } from './search-ranks-thread';
import type { GenerationFacets } from './facets-read';
import { facetsOnThread } from './facets-thread';
import { ensureProject, keptOfflineProjectIds, listProjectSummaries, markAccessLost, projectSummary, recordSyncOutcome, saveProjectList, setKeepOffline } from './project-rows';
import { isDamage } from './damage';
import { readResyncBasis, type ResyncBasis } from './resync-basis';
import { attachSearchIndex, refreshTerms, removeSearchIndex, searchIndexPath } from './search-index';
import { openSearchIndexWriter, type SearchIndexWriter } from './search-index-writer';
import { purgeGenerations, SnapshotWriter, type SnapshotWriting } from './snapshot-writer';
import { ownBuffer, SnapshotThread, type SearchHandover } from './snapshot-thread';
import { adoptPreparedSearch, holdSearchWords, releaseSearchWords } from './search-handover';
import { writeTranslation, type LibraryTranslation } from './translation-write';
import { clearQaResults, qaResultsPath } from './qa-results';
import { QaLibrary } from './qa-library';

/** How a library is opened. */
export interface LibraryOptions {
  /** Where the store reports what it recovers from (an indexing thread that cannot start). Default: nowhere. */
  readonly logger?: Logger;
  /** The clock for the facts of a sync (when it finished). Default: `Date.now`. */
  readonly now?: () => number;
  /**
   * Told when a call meets a damaged file, after the call has failed with `store.corrupt`, so its owner can set the
   * file aside and go on without a restart (see main/core/library-keeper.ts). Default: nobody.
   */
  readonly onDamage?: (error: unknown) => void;
  /**
   * False writes snapshots on the calling thread instead of the writing thread (snapshot-thread.ts): for tests that
   * look inside the writer. Default: true.
   */
  readonly writingThread?: boolean;
}

/**
 * What the store's own modules and tests reach behind the facade: the connection, and the index writer syncs use.
 * Deliberately not exported from index.ts, and the lint rule on the store's door keeps everyone else out.
 */
export interface StoreInternals {
  readonly connection: Connection;
  /** The search index writer for syncs, started on first use (and again if its thread stopped). */
  indexWriter(): Promise<SearchIndexWriter>;
}

const internals = new WeakMap<LibraryStore, StoreInternals>();

/** `writing` with damage to the file reported as `store.corrupt`, like every other call through the door. */
function guardedWriting(writing: SnapshotWriting): SnapshotWriting {
  const guard = <T>(work: () => Promise<T>): Promise<T> =>
    work().catch((error: unknown) => {
      throw storeError(error);
    });
  return Object.freeze({
    writeLanguages: (languages) => guard(() => writing.writeLanguages(languages)),
    writeKeys: (page) => guard(() => writing.writeKeys(page)),
    carryForward: (dropKeyIds) => guard(() => writing.carryForward(dropKeyIds)),
    commit: (project, startedAt, changes) => guard(() => writing.commit(project, startedAt, changes)),
    abort: () => guard(() => writing.abort()),
  } satisfies SnapshotWriting);
}

/** The internals of `store` (see StoreInternals). */
export function internalsOf(store: LibraryStore): StoreInternals {
  const found = internals.get(store);
  if (found === undefined) throw new Error('not a LibraryStore');
  return found;
}

/** Reads and writes the library. */
export class LibraryStore {
  private indexWriter: Promise<SearchIndexWriter> | null = null;
  /** The writing thread (snapshot-thread.ts), started on first use; null inside when none could start. */
  private thread: Promise<SnapshotThread | null> | null = null;
  /** True from openSnapshot until that snapshot is committed or aborted: the index writer takes one load at a time. */
  private writing = false;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly onDamage: (error: unknown) => void;
  private readonly useWritingThread: boolean;
  /** The QA results beside the library (qa.sqlite): scans, the filter's counts, one key rechecked. */
  public readonly qa: QaLibrary;

  private constructor(
    private readonly connection: Connection,
    private readonly folder: string,
    options: LibraryOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.onDamage = options.onDamage ?? (() => undefined);
    this.useWritingThread = options.writingThread ?? true;
    this.qa = new QaLibrary(connection, folder, this.now);
    internals.set(this, { connection, indexWriter: () => this.searchIndexWriter() });
    // A snapshot's search arrays no sync handed over (after a start) are read on a thread, never built on main, and
    // the index's word list with them.
    searchArraysOnThreads(connection, storePath(folder), searchIndexPath(folder));
    this.purgeUnfinishedSyncs();
  }

  /**
   * Opens the library in `folder`; throws `store.corrupt` when the file is damaged, including damage that only shows
   * when the leftovers of an interrupted sync are cleared.
   */
  public static open(folder: string, options: LibraryOptions = {}): LibraryStore {
    return LibraryStore.wrap(openDatabase(folder), folder, options);
  }

  /** Sets a damaged library aside and opens a fresh, empty one. */
  public static rebuild(folder: string, options: LibraryOptions = {}): LibraryStore {
    return LibraryStore.wrap(rebuildDatabase(folder), folder, options);
  }

  /** The files of a library in `folder`: the library itself, its search index and QA results (derived data, rebuilt when lost). */
  public static filesIn(folder: string): { readonly library: string; readonly searchIndex: string; readonly qaResults: string } {
    return { library: storePath(folder), searchIndex: searchIndexPath(folder), qaResults: qaResultsPath(folder) };
  }

  private static wrap(connection: Connection, folder: string, options: LibraryOptions): LibraryStore {
    try {
      return new LibraryStore(connection, folder, options);
    } catch (error) {
      connection.close();
      throw storeError(error);
    }
  }

  /**
   * Starts the search indexing thread now, if it is not running, so that it is ready by the time a snapshot opens
   * (it takes about 0.1 s): a sync calls it before it asks Lokalise for the project.
   */
  public prepareIndexing(): void {
    // A failure to start is reported where the thread is awaited (openSnapshot), not left as an unhandled
    // rejection, which would end the process.
    void this.writingThread().catch(() => undefined);
  }

  /**
   * Opens the next snapshot of `projectId`, first clearing the leftovers of any unfinished one; `expectedKeys` is
   * how many keys the project reports. One snapshot at a time: a second one before the first is committed or
   * aborted is refused.
   */
  public async openSnapshot(projectId: string, expectedKeys: number): Promise<SnapshotWriting> {
    if (this.writing) throw new Error('A snapshot is already being written: the library takes one sync at a time.');
    this.writing = true;
    const onEnd = (): void => {
      this.writing = false;
    };
    try {
      const thread = await this.writingThread();
      if (thread !== null) return guardedWriting(await thread.open(projectId, expectedKeys, this.now, onEnd, this.searchHandover(projectId)));
      const search = await this.searchIndexWriter();
      const writer = SnapshotWriter.begin(this.connection, projectId, search, { expectedKeys, now: this.now, logger: this.logger });
      return guardedWriting(writer.writing(onEnd));
    } catch (error) {
      this.writing = false;
      throw storeError(error);
    }
  }

  /**
   * resyncBasis read on the writing thread (every key's two times: a long read at 100,000 keys), so main's event loop
   * stays free; on the main thread only where no writing thread could start.
   */
  public async loadResyncBasis(projectId: string): Promise<ResyncBasis | null> {
    const thread = await this.writingThread();
    if (thread === null) return this.resyncBasis(projectId);
    try {
      return await thread.call('basis', { projectId });
    } catch (error) {
      this.reportFailure(error);
      throw storeError(error);
    }
  }

  /**
   * The ids and times of a page of a resync's listing, read on the writing thread (its bytes transferred there, so
   * main neither decodes nor parses the listing: 100,000 keys are about 70 MB of JSON); on the main thread only where
   * no writing thread could start.
   */
  public async readKeyTimes(page: KeyPageInput): Promise<KeyTimes> {
    const thread = await this.writingThread();
    if (thread === null || !('unparsed' in page)) return readKeyTimes(page);
    try {
      return await thread.call('times', { page }, ownBuffer(page));
    } catch (error) {
      throw storeError(error);
    }
  }

  /**
   * What a resync of `projectId` compares the server's listing with, or null when the next sync must be a full one
   * (never synced, a snapshot from before a schema change, or a stored copy that is incomplete).
   */
  public resyncBasis(projectId: string): ResyncBasis | null {
    return this.guard(() => readResyncBasis(this.connection, projectId));
  }

  /**
   * Resolves once the writing thread has done everything it was given, the removal of an old snapshot included
   * (commit answers as soon as the new snapshot is in; the old one goes afterwards, a small step at a time).
   */
  public async whenSettled(): Promise<void> {
    const thread = this.thread === null ? null : await this.thread;
    if (thread?.usable === true) await thread.call('settle', {});
  }

  /** Makes sure `project` has a row (a project synced by id may predate the stored project list). */
  public rememberProject(project: LokaliseProject): void {
    this.guard(() => ensureProject(this.connection, project));
  }

  /** Every project, by name. */
  public listProjects(): ProjectSummary[] {
    return this.guard(() => listProjectSummaries(this.connection));
  }

  /** One project, or null. */
  public project(projectId: string): ProjectSummary | null {
    return this.guard(() => projectSummary(this.connection, projectId));
  }

  /** Stores the project list as Lokalise returned it. */
  public saveProjectList(projects: readonly LokaliseProject[], teams: readonly LokaliseTeam[], now = Date.now()): void {
    this.guard(() => saveProjectList(this.connection, projects, teams, now));
  }

  /** Records the keep-offline choice and returns the updated project. */
  public setKeepOffline(projectId: string, keep: boolean): ProjectSummary {
    if (!this.guard(() => setKeepOffline(this.connection, projectId, keep))) throw new LocdeskError('store.unknown_project', 'That project is not in your library. Refresh the project list and try again.');
    const summary = this.project(projectId);
    if (summary === null) throw new LocdeskError('store.unknown_project', 'That project is not in your library.');
    return summary;
  }

  /** The projects to sync when the user asks to "sync all": those kept offline, or every project if none is. */
  public projectsToSync(): string[] {
    const kept = this.guard(() => keptOfflineProjectIds(this.connection));
    if (kept.length > 0) return kept;
    return this.listProjects()
      .filter((project) => project.access === 'ok')
      .map((project) => project.projectId);
  }

  /** Marks a project the user can no longer see. */
  public markAccessLost(projectId: string): void {
    this.guard(() => markAccessLost(this.connection, projectId));
  }

  /** Records a sync that did not complete. */
  public recordSyncOutcome(projectId: string, status: 'failed' | 'cancelled' | 'running', message: string | null): void {
    this.guard(() => recordSyncOutcome(this.connection, projectId, status, message));
  }

  /** A page of keys. */
  public keyPage(query: KeyQuery): KeyPage {
    return this.guard(() => keyPage(this.connection, query));
  }

  /**
   * What to wait for before a search `query` is answered: the project's search arrays being read on a thread (after
   * a start, before the first search), or null when nothing is. Waiting blocks nothing: main's event loop runs on.
   */
  public searchArriving(query: KeyQuery): Promise<void> | null {
    return this.guard(() => searchArriving(this.connection, query));
  }

  /** One key in full. */
  public keyDetail(projectId: string, keyId: number): KeyDetail | null {
    return this.guard(() => keyDetail(this.connection, projectId, keyId));
  }

  /** Tags, platforms and languages of a project. */
  public facets(projectId: string): ProjectFacets {
    return this.guard(() => projectFacets(this.connection, projectId));
  }

  /** The same facets, read on a thread (facets-thread.ts) so opening a big project never freezes the window. */
  public facetsOffMain(projectId: string): Promise<ProjectFacets> {
    const read = (id: string): Promise<GenerationFacets | null> => facetsOnThread({ job: 'facets', libraryPath: storePath(this.folder), projectId: id });
    return projectFacetsElsewhere(this.connection, projectId, read).catch((error: unknown) => {
      if (isDamage(error)) this.onDamage(error);
      throw storeError(error);
    });
  }

  /**
   * Stores the server's copy of one translation (a pushed edit's answer, or "take theirs" in a conflict) in the
   * project's current snapshot; false when the key or language is not in the library.
   */
  public writeTranslation(projectId: string, keyId: number, languageIso: string, translation: LibraryTranslation): boolean {
    return this.guard(() => writeTranslation(this.connection, projectId, keyId, languageIso, translation));
  }

  /** Deletes every project, key and translation ("forget offline data"). */
  public forgetAll(): void {
    this.guard(() => {
      this.connection.transaction(() => {
        for (const table of ['key_order', 'key_translations', 'keys', 'languages', 'sync_facts', 'projects', 'teams']) this.connection.exec(`DELETE FROM ${table}`);
        this.connection.exec("INSERT INTO search.key_words (key_words) VALUES ('delete-all')");
        clearQaResults(this.connection);
      })();
      refreshTerms(this.connection, 'search.');
      this.connection.exec('VACUUM');
      this.connection.exec('VACUUM search');
      forgetSnapshotCaches(this.connection);
      this.qa.forgetCounts();
    });
  }

  /** Closes the file; the index thread, if any, finishes what it was given and stops. */
  public close(): void {
    void this.indexWriter?.then((writer) => writer.close());
    this.indexWriter = null;
    this.stopWritingThread();
    if (this.connection.open) this.connection.close();
  }

  /**
   * Which file is damaged, by SQLite's quick check of each (the library first): called once a call has met damage,
   * to choose between setting the library aside and rebuilding the index, which is derived data.
   */
  public damagedPart(): 'library' | 'searchIndex' | null {
    const verdict = (schema: string): boolean => {
      try {
        const rows = this.connection.prepare(`PRAGMA ${schema}.quick_check(1)`).raw(true).all() as [string][];
        return rows[0]?.[0] === 'ok';
      } catch {
        return false;
      }
    };
    if (!verdict('main')) return 'library';
    if (!verdict('search')) return 'searchIndex';
    return null;
  }

  /** Replaces a damaged search index with a new one filled from the library; nothing a translator made is in it. */
  public rebuildSearchIndex(): void {
    void this.indexWriter?.then((writer) => writer.close());
    this.indexWriter = null;
    // The writing thread has the damaged file attached: the next sync starts a new one on the new file.
    this.stopWritingThread();
    try {
      this.connection.exec('DETACH DATABASE search');
    } catch (error) {
      this.logger.warn('the damaged search index could not be detached cleanly', { error });
    }
    removeSearchIndex(this.folder);
    attachSearchIndex(this.connection, this.folder);
    forgetSnapshotCaches(this.connection);
  }

  /** Tells the owner about damage a caller met outside the store's own calls (a sync writing a snapshot). */
  public reportFailure(error: unknown): void {
    if (isDamage(error)) this.onDamage(error);
  }

  /** Runs `work`, reporting damage to the file as `store.corrupt` rather than a raw SQLite error, and to the owner. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (isDamage(error)) this.onDamage(error);
      throw storeError(error);
    }
  }

  /**
   * The writing thread, started now if none is running. While it runs, main's connection never checkpoints the WAL
   * itself (a checkpoint after a sync copies its whole WAL, a long stall): the thread checkpoints after each snapshot.
   * Null when no thread could start (logged); snapshots are then written on the main thread, as before issue 17.
   */
  private async writingThread(): Promise<SnapshotThread | null> {
    if (!this.useWritingThread) return null;
    const current = this.thread === null ? null : await this.thread;
    if (current?.usable === true) return current;
    const starting = SnapshotThread.start(this.folder, this.logger).then(
      (thread) => {
        if (this.connection.open) this.connection.exec('PRAGMA main.wal_autocheckpoint = 0');
        return thread;
      },
      (error: unknown) => {
        this.logger.warn('the library is written on the main thread: no writing thread could start', { error });
        if (this.connection.open) this.connection.exec('PRAGMA main.wal_autocheckpoint = 1000');
        return null;
      },
    );
    this.thread = starting;
    return starting;
  }

  private stopWritingThread(): void {
    void this.thread?.then((thread) => thread?.close());
    this.thread = null;
  }

  /** Where a sync on the writing thread hands over its new snapshot's search arrays (see search-handover.ts). */
  private searchHandover(projectId: string): SearchHandover {
    const connection = this.connection;
    return {
      hold: () => holdSearchWords(connection),
      adopt: (prepared) => {
        if (connection.open) adoptPreparedSearch(connection, projectId, prepared);
      },
      release: () => releaseSearchWords(connection),
    };
  }

  private async searchIndexWriter(): Promise<SearchIndexWriter> {
    const current = this.indexWriter === null ? null : await this.indexWriter;
    if (current?.usable === true) return current;
    this.indexWriter = openSearchIndexWriter(searchIndexPath(this.folder), this.connection, this.logger);
    return this.indexWriter;
  }

  private purgeUnfinishedSyncs(): void {
    const rows = this.connection.prepare('SELECT project_id, generation FROM projects').raw(true).all() as [string, number][];
    for (const [projectId, generation] of rows) purgeGenerations(this.connection, projectId, generation);
  }
}
