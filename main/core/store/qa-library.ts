/**
 * The store's side of the QA scan: what a scan of a project covers, starting one on worker threads, recording
 * whether the stored results are current, the counts behind the grid's QA filter, the issues of the cells on a key
 * page, and one key checked again after it changed. `LibraryStore.qa` is the one instance per library; like the
 * rest of the store it takes and returns plain data.
 */
import type { KeyRow, TranslationCell } from '../../../common/contract';
import type { QaCounts } from '../../../common/contract-qa';
import type { QaSettings } from '../../../common/qa';
import { LocdeskError } from '../errors';
import type { Connection, Statement } from './connection';
import { storePath } from './library-file';
import { currentGeneration } from './project-rows';
import { issueMask, keyIssues, pendingValues, settingsSignature, type PendingTranslation, type QaKeyRow, type QaProjectFacts } from './qa-inputs';
import { QaCountsCache } from './qa-counts';
import { emptyCounts, qaResultsPath, qaScanRecord, replaceQaResults, writeKeyMasks, writeQaScanRecord } from './qa-results';
import { countOnThread, QaScanFailure, startQaScan, type QaScanOutcome } from './qa-scan-pool';
import type { StoredTranslation } from './stored-translations';

export type { PendingTranslation } from './qa-inputs';
export { QaScanFailure } from './qa-scan-pool';

/** How a scan runs. */
export interface QaScanSettings {
  readonly settings: QaSettings;
  readonly pending: readonly PendingTranslation[];
  /** Worker threads (default 2). */
  readonly threads?: number;
  /** Key rows per range handed to a thread (default 1000). */
  readonly rangeSize?: number;
  /** The snapshot's key count once a scan thread has read it (done 0), then the keys checked after each range. */
  readonly onProgress: (done: number, total: number) => void;
}

/** A scan that has started. */
export interface QaScan {
  /** Resolves `done` (and the results are recorded as current) or `cancelled`; rejects with a `QaScanFailure`. */
  readonly finished: Promise<QaScanOutcome>;
  cancel(): void;
}

/** Whether a project's stored results are current, and its counts. */
export interface QaResultsState {
  /** The project has a snapshot to scan. */
  readonly synced: boolean;
  readonly upToDate: boolean;
  readonly scannedAt: number | null;
  readonly counts: QaCounts;
}

type Row = [number, number, number, number, string];

/** The QA results of one library. */
export class QaLibrary {
  /** Counts by project, generation and languages, until the project's results change (counted on a thread). */
  private readonly counts = new QaCountsCache((projectId, generation, isos) =>
    countOnThread({ job: 'counts', libraryPath: storePath(this.folder), qaPath: qaResultsPath(this.folder), projectId, generation, isos }),
  );
  /** Statements of the reads a key page makes, by SQL (see `statement`). */
  private readonly statements = new Map<string, Statement>();

  public constructor(
    private readonly connection: Connection,
    private readonly folder: string,
    private readonly now: () => number,
  ) {}

  /** The project's current snapshot and its languages, or null before its first sync. */
  private facts(projectId: string): { generation: number; facts: QaProjectFacts } | null {
    // One read of the project row (its generation and base language), with statements prepared once: every key
    // page asks.
    const project = this.statement('SELECT generation, base_language_iso FROM projects WHERE project_id = ?').get(projectId) as [number, string | null] | undefined;
    const generation = project?.[0] ?? null;
    // A listed project that was never synced has generation 0 and no keys.
    if (generation === null || generation === 0) return null;
    const languages = (
      this.statement('SELECT iso, plural_forms FROM languages WHERE project_id = ? AND generation = ? ORDER BY position').all(projectId, generation) as [string, string][]
    ).map(([iso, forms]) => ({ iso, pluralForms: JSON.parse(forms) as string[] }));
    const baseIso = project?.[1] ?? languages[0]?.iso ?? null;
    if (baseIso === null) return null;
    return { generation, facts: { baseIso, languages } };
  }

  /**
   * Starts a scan of the project's current snapshot with `options.settings`; `qa.not_synced` before its first
   * sync. The results are marked current only when the scan completes.
   */
  public startScan(projectId: string, options: QaScanSettings): QaScan {
    const found = this.facts(projectId);
    if (found === null) throw new LocdeskError('qa.not_synced', 'This project has no offline copy yet. Sync it first; its QA checks run after the sync.');
    const { generation, facts } = found;
    const settings = settingsSignature(options.settings);
    writeQaScanRecord(this.connection, projectId, { generation, settings, complete: false, scannedAt: null });
    const run = startQaScan({
      data: { libraryPath: storePath(this.folder), qaPath: qaResultsPath(this.folder), projectId, generation, facts, settings: options.settings, pending: options.pending },
      threads: options.threads ?? 2,
      rangeSize: options.rangeSize ?? 1000,
      onProgress: (done, total) => {
        this.resultsChanged(projectId);
        options.onProgress(done, total);
      },
    });
    const finished = run.finished.then(
      (outcome) => {
        this.resultsChanged(projectId);
        if (outcome === 'done') writeQaScanRecord(this.connection, projectId, { generation, settings, complete: true, scannedAt: this.now() });
        return outcome;
      },
      (error: unknown) => {
        // Derived data: a damaged results file is set aside, and the next scan starts a fresh one.
        this.counts.clear();
        if (error instanceof QaScanFailure && error.damaged) replaceQaResults(this.connection, this.folder, this.now());
        throw error;
      },
    );
    return { finished, cancel: () => run.cancel() };
  }

  /**
   * Whether the project has a snapshot and the stored results are those of it and of `settings`; cheap (two
   * one-row reads), so the scheduler can ask it for every project at start and after each sync.
   */
  public freshness(projectId: string, settings: QaSettings): { readonly synced: boolean; readonly upToDate: boolean; readonly scannedAt: number | null } {
    const generation = currentGeneration(this.connection, projectId);
    if (generation === null || generation === 0) return { synced: false, upToDate: false, scannedAt: null };
    const record = qaScanRecord(this.connection, projectId);
    const upToDate = record !== null && record.complete && record.generation === generation && record.settings === settingsSignature(settings);
    return { synced: true, upToDate, scannedAt: record?.scannedAt ?? null };
  }

  /**
   * `freshness` (as it is when asked) and the counts in `isos`. The counts read every stored row of the project (a
   * few hundred thousand at a million translations): they are counted on a thread and kept until the results change
   * (see qa-counts.ts), so this answers asynchronously and the main thread only reads two rows.
   */
  public async state(projectId: string, settings: QaSettings, isos: readonly string[]): Promise<QaResultsState> {
    const fresh = this.freshness(projectId, settings);
    if (!fresh.synced) return { ...fresh, counts: emptyCounts() };
    const generation = currentGeneration(this.connection, projectId) ?? 0;
    return { ...fresh, counts: await this.counts.get(projectId, generation, isos) };
  }

  /** Forgets every cached count ("forget offline data" restarts the generation numbers the cache is keyed by). */
  public forgetCounts(): void {
    this.counts.clear();
  }

  /** Forgets the cached counts of `projectId` (its results changed). */
  private resultsChanged(projectId: string): void {
    this.counts.changed(projectId);
  }

  /**
   * Checks one key again in every language and replaces its stored results, after an edit or when its pending
   * value changed. Answers false when the key is not in the project's current snapshot.
   */
  public recheckKey(projectId: string, keyId: number, settings: QaSettings, pending: readonly PendingTranslation[]): boolean {
    const found = this.facts(projectId);
    if (found === null) return false;
    const row = this.statement(
      `SELECT k.id, k.key_id, k.is_plural, k.char_limit, t.translations, k.is_archived = 0 AND k.is_hidden = 0 FROM keys k
       JOIN key_translations t ON t.key_row = k.id WHERE k.project_id = ? AND k.generation = ? AND k.key_id = ?`,
    ).get(projectId, found.generation, keyId) as [...Row, number] | undefined;
    if (row === undefined) return false;
    // The masks the counts hold for this key now, so they can follow its new ones without counting again.
    const before = new Map(
      this.statement('SELECT iso, mask FROM qa.issues WHERE key_row = ? AND project_id = ? AND generation = ?').all(row[0], projectId, found.generation) as [string, number][],
    );
    const issues = keyIssues(found.facts, keyRowOf([row[0], row[1], row[2], row[3], row[4]]), settings, pendingValues(pending.filter((entry) => entry.keyId === keyId)));
    const after = new Map([...issues].map(([iso, list]) => [iso, issueMask(list)]));
    writeKeyMasks(this.connection, projectId, found.generation, row[0], after);
    this.counts.keyChanged(projectId, found.generation, before, after, row[5] === 1);
    return true;
  }

  /** `sql` prepared once on this connection (raw rows): a page asks again many times a second while scrolling. */
  private statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = this.connection.prepare(sql).raw(true);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /**
   * `items` (rows of a key page or a key's detail) with each target cell's issues filled in (`cell.qa`), for the
   * cells the stored results flag. The issues are computed now, with the current settings and values, so they say
   * exactly what the translator sees; the stored masks only pick which cells to look at.
   *
   * The masks are read first, for the page's key ids and shown languages in one statement (as JSON arrays, so it is
   * prepared once rather than once per page size). The checks' inputs are then the item's own cells when it shows the base
   * language (a page's cell holds the stored value and plural forms, exactly what the checks read): no second read.
   * Only the flagged keys of a page that does not show the base language read their stored translations, and only
   * those: reading and parsing every language of every row cost more than the page.
   */
  public withIssues<T extends KeyRow>(projectId: string, items: readonly T[], settings: QaSettings, pending: readonly PendingTranslation[]): T[] {
    const found = items.length === 0 ? null : this.facts(projectId);
    if (found === null) return [...items];
    const ids = JSON.stringify(items.map((item) => item.keyId));
    const isos = new Set<string>();
    for (const item of items) for (const cell of item.translations) isos.add(cell.languageIso);
    // Only the shown languages' masks: a page of two languages of a ten-language project skips most rows.
    const maskRows = this.statement(
      `SELECT k.key_id, q.iso, q.mask FROM keys k JOIN qa.issues q ON q.key_row = k.id
       WHERE k.project_id = ? AND k.generation = ? AND k.key_id IN (SELECT value FROM json_each(?)) AND q.iso IN (SELECT value FROM json_each(?))`,
    ).all(projectId, found.generation, ids, JSON.stringify([...isos])) as [number, string, number][];
    if (maskRows.length === 0) return [...items];
    const masks = new Map<number, Map<string, number>>();
    for (const [keyId, iso, mask] of maskRows) {
      const languages = masks.get(keyId) ?? new Map<string, number>();
      languages.set(iso, mask);
      masks.set(keyId, languages);
    }
    const shown = new Map<number, Set<string>>();
    for (const item of items) {
      const flagged = masks.get(item.keyId);
      if (flagged === undefined) continue;
      const languages = new Set(item.translations.map((cell) => cell.languageIso).filter((iso) => (flagged.get(iso) ?? 0) !== 0));
      if (languages.size > 0) shown.set(item.keyId, languages);
    }
    if (shown.size === 0) return [...items];
    const inputs = this.checkInputs(projectId, found.generation, found.facts.baseIso, items, shown);
    const values = pendingValues(pending);
    return items.map((item) => {
      const key = inputs.get(item.keyId);
      const languages = shown.get(item.keyId);
      if (key === undefined || languages === undefined) return item;
      const issues = keyIssues(found.facts, key, settings, values, languages);
      const translations = item.translations.map((cell): TranslationCell => {
        const list = issues.get(cell.languageIso);
        return list === undefined ? cell : { ...cell, qa: list.map(({ checkId, severity, message, form, range }) => ({ checkId, severity, message, form, range })) };
      });
      return { ...item, translations };
    });
  }

  /**
   * The checks' input for each key in `shown`: built from the item's cells (the base language's and the shown
   * ones) when the item has the base language's cell, else read from the store.
   */
  private checkInputs(projectId: string, generation: number, baseIso: string, items: readonly KeyRow[], shown: ReadonlyMap<number, ReadonlySet<string>>): Map<number, QaKeyRow> {
    const inputs = new Map<number, QaKeyRow>();
    const unread: number[] = [];
    for (const item of items) {
      const languages = shown.get(item.keyId);
      if (languages === undefined) continue;
      if (!item.translations.some((cell) => cell.languageIso === baseIso)) {
        unread.push(item.keyId);
        continue;
      }
      const translations: Record<string, StoredTranslation> = {};
      for (const cell of item.translations) {
        if (cell.languageIso === baseIso || languages.has(cell.languageIso)) translations[cell.languageIso] = storedOf(cell);
      }
      inputs.set(item.keyId, { keyId: item.keyId, isPlural: item.isPlural, charLimit: item.charLimit, translations });
    }
    if (unread.length === 0) return inputs;
    const rows = this.statement(
      `SELECT k.id, k.key_id, k.is_plural, k.char_limit, t.translations FROM keys k JOIN key_translations t ON t.key_row = k.id
       WHERE k.project_id = ? AND k.generation = ? AND k.key_id IN (SELECT value FROM json_each(?))`,
    ).all(projectId, generation, JSON.stringify(unread)) as Row[];
    for (const row of rows) inputs.set(row[1], keyRowOf(row));
    return inputs;
  }
}

/**
 * A cell as the stored translation it was read from, as far as the checks look: its text and plural forms (an
 * absent translation reads as an empty text either way).
 */
function storedOf(cell: TranslationCell): StoredTranslation {
  return [cell.value, cell.pluralForms, cell.isReviewed ? 1 : 0, cell.isUnverified ? 1 : 0, cell.modifiedAt];
}

function keyRowOf([, keyId, isPlural, charLimit, translations]: Row): QaKeyRow {
  return { keyId, isPlural: isPlural === 1, charLimit, translations: JSON.parse(translations) as Record<string, StoredTranslation> };
}
