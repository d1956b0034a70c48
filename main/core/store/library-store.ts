/**
 * The offline library: one SQLite file in the user-data folder holding every synced project, readable with no
 * network. This class is the store's public face for AppCore and the sync engine; the SQL lives in the modules it
 * delegates to.
 */
import type { KeyDetail, KeyPage, KeyQuery, ProjectFacets, ProjectSummary } from '../../../common/contract';
import { LocdeskError } from '../errors';
import type { LokaliseProject, LokaliseTeam } from '../lokalise/types';
import type { Logger } from '../log';
import { openDatabase, rebuildDatabase, storeError, type Connection } from './database';
import { refreshTerms, searchIndexPath } from './search-index';
import { openSearchIndexWriter, type SearchIndexWriter } from './search-index-writer';
import { forgetSnapshotCaches, keyDetail, keyPage, projectFacets } from './key-queries';
import { keptOfflineProjectIds, listProjectSummaries, markAccessLost, projectSummary, recordSyncOutcome, saveProjectList, setKeepOffline } from './project-rows';
import { purgeGenerations } from './snapshot-writer';

/** Reads and writes the library. */
export class LibraryStore {
  private indexWriter: Promise<SearchIndexWriter> | null = null;

  private constructor(
    public readonly connection: Connection,
    private readonly folder: string,
  ) {
    this.purgeUnfinishedSyncs();
  }

  /**
   * Opens the library in `folder`; throws `store.corrupt` when the file is damaged, including damage that only shows
   * when the leftovers of an interrupted sync are cleared.
   */
  public static open(folder: string): LibraryStore {
    return LibraryStore.wrap(openDatabase(folder), folder);
  }

  /** Sets a damaged library aside and opens a fresh, empty one. */
  public static rebuild(folder: string): LibraryStore {
    return LibraryStore.wrap(rebuildDatabase(folder), folder);
  }

  private static wrap(connection: Connection, folder: string): LibraryStore {
    try {
      return new LibraryStore(connection, folder);
    } catch (error) {
      connection.close();
      throw storeError(error);
    }
  }

  /** The search index writer for syncs, started on first use (and again if its thread stopped). */
  public async searchIndexWriter(logger: Logger): Promise<SearchIndexWriter> {
    const current = this.indexWriter === null ? null : await this.indexWriter;
    if (current?.usable === true) return current;
    this.indexWriter = openSearchIndexWriter(searchIndexPath(this.folder), this.connection, logger);
    return this.indexWriter;
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

  /** One key in full. */
  public keyDetail(projectId: string, keyId: number): KeyDetail | null {
    return this.guard(() => keyDetail(this.connection, projectId, keyId));
  }

  /** Tags, platforms and languages of a project. */
  public facets(projectId: string): ProjectFacets {
    return this.guard(() => projectFacets(this.connection, projectId));
  }

  /** Deletes every project, key and translation ("forget offline data"). */
  public forgetAll(): void {
    this.guard(() => {
      this.connection.transaction(() => {
        for (const table of ['key_order', 'key_translations', 'keys', 'languages', 'sync_facts', 'projects', 'teams']) this.connection.exec(`DELETE FROM ${table}`);
        this.connection.exec("INSERT INTO search.key_words (key_words) VALUES ('delete-all')");
      })();
      refreshTerms(this.connection, 'search.');
      this.connection.exec('VACUUM');
      this.connection.exec('VACUUM search');
      forgetSnapshotCaches(this.connection);
    });
  }

  /** Closes the file; the index thread, if any, finishes what it was given and stops. */
  public close(): void {
    void this.indexWriter?.then((writer) => writer.close());
    this.indexWriter = null;
    if (this.connection.open) this.connection.close();
  }

  /** Runs `work`, reporting damage to the file as `store.corrupt` rather than a raw SQLite error. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw storeError(error);
    }
  }

  private purgeUnfinishedSyncs(): void {
    const rows = this.connection.prepare('SELECT project_id, generation FROM projects').raw(true).all() as [string, number][];
    for (const [projectId, generation] of rows) purgeGenerations(this.connection, projectId, generation);
  }
}
