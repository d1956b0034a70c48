/**
 * Writes one project's new snapshot beside the current one and swaps it in atomically (see migrations.ts for the
 * generation design). Pages of keys arrive from the API and are written in batched multi-row INSERTs, each page
 * in its own short transaction, so memory and the WAL stay bounded at any project size.
 *
 * The sync engine sees none of this module's classes: LibraryStore.openSnapshot hands it a `SnapshotWriting`, whose
 * methods take and return plain data only, so the store can later sit behind a message boundary (issue 17).
 */
import type { Logger } from '../log';
import type { KeyPageInput, LokaliseKey, LokaliseLanguage, LokaliseProject } from '../lokalise/types';
import { readKeyPage } from '../lokalise/wire';
import type { Connection, Statement } from './connection';
import { useSyncCache } from './library-file';
import { writeKeyOrders } from './key-order';
import { snapshotFormat } from './migrations';
import { CarryOver, type SyncChanges } from './snapshot-carry';
import { isEmptyTranslation, maskedLanguages, type StoredTranslation } from './stored-translations';
import { documentText } from './search-index';
import type { SearchIndexWriter } from './search-index-writer';

const keyColumns = [
  'id', 'project_id', 'generation', 'key_id', 'name', 'name_ios', 'name_android', 'name_web', 'name_other', 'description',
  'context', 'char_limit', 'tags', 'platforms', 'is_plural', 'plural_name', 'is_hidden', 'is_archived', 'created_at', 'modified_at',
  'empty_mask', 'unverified_mask', 'unreviewed_mask', 'translations_modified_at',
] as const;
const translationColumns = ['key_row', 'translations'] as const;
const translationRowsPerStatement = 200;
const keysPerStatement = 40;
/** Counts written so far for one snapshot. */
export interface SnapshotCounts {
  readonly keys: number;
  readonly translations: number;
}

/** What storing one page answers: the counts so far, and the ids of the keys the page held (read where it was parsed). */
export interface PageCounts extends SnapshotCounts {
  readonly pageKeyIds: readonly number[];
}

/**
 * A project's next snapshot while a sync writes it, from LibraryStore.openSnapshot: languages first, then pages of
 * keys, then `commit` to swap it in, or `abort` to throw it away. Nobody reads it before the swap, so a failed,
 * cancelled or killed sync leaves the current snapshot whole. Plain data in and out.
 */
export interface SnapshotWriting {
  /** Stores the project's languages; before any key, since they give each key's status masks their bit positions. */
  writeLanguages(languages: readonly LokaliseLanguage[]): Promise<void>;
  /**
   * Stores one page of keys with their translations; resolves with the counts so far once the page is stored and
   * the search index is no more than a few pages behind (so memory stays bounded), and rejects if indexing failed.
   */
  writeKeys(page: KeyPageInput): Promise<PageCounts>;
  /**
   * For a resync: the new snapshot also keeps every key of the current one except `dropKeyIds` and the keys written
   * anew, moved over (not copied) in the same transaction that swaps it in. Call at most once, before the first
   * page (so the writer knows not to prepare the list orders early) or at least before commit.
   */
  carryForward(dropKeyIds: readonly number[]): Promise<void>;
  /**
   * Makes the snapshot the one readers see, together with the project's facts (as `project` reports them) and the
   * sync's facts (started at `startedAt`, finished now, and what changed for a resync); then removes the previous
   * one. Resolves with its counts, carried keys included.
   */
  commit(project: LokaliseProject, startedAt: number, changes?: SyncChanges | null): Promise<SnapshotCounts>;
  /** Throws the snapshot away (after a failure or cancel); the current one is untouched. */
  abort(): Promise<void>;
}

/** What a snapshot writer needs to know besides where to write. */
export interface SnapshotPlan {
  /** How many keys the project reports: once that many are written, the list orders are prepared (see prepareOrders). */
  readonly expectedKeys: number;
  /** The clock for the sync's finishing time. */
  readonly now: () => number;
  /** Where a key listed twice is reported. */
  readonly logger: Logger;
  /**
   * When true, commit and abort leave the removal of the other generation to the caller (tidyUp, tidyUpInSteps):
   * the writing thread answers the swap first and removes the old rows afterwards. Default: removed at once.
   */
  readonly removeLater?: boolean;
}

/** The text a key is found by (see documentText). */
export function searchDocument(key: LokaliseKey): string {
  const { web, ios, android, other } = key.keyNames;
  return documentText([web, ios, android, other], key.description, key.context, key.translations.map((translation) => [translation.value, translation.pluralForms] as const));
}

/** The display name: the web name, or the first non-empty platform name. */
export function displayName(key: LokaliseKey): string {
  const { web, other, ios, android } = key.keyNames;
  return [web, other, ios, android].find((name) => name !== '') ?? String(key.keyId);
}

/** Pages the index may fall behind the key rows before the sync waits for it (bounds memory). */
const indexBacklogPages = 4;

/** Writes generation `generation` of `projectId`. Create with `SnapshotWriter.begin`. */
export class SnapshotWriter {
  public readonly counts = { keys: 0, translations: 0 };
  private nextId: number;
  private readonly statements = new Map<string, Statement>();
  private positions = new Map<string, number>();
  /** How many keys had been written when the list orders were last written; null before, -1 when they are stale. */
  private orderedKeys: number | null = null;
  /** The highest key id written so far: a cursor listing ascends by id, so only a key at or below it can be a repeat. */
  private highestKeyId = Number.NEGATIVE_INFINITY;
  /** Set by carryForward (a resync); null for a full sync. */
  private carry: CarryOver | null = null;
  /**
   * Keys written so far by archived and hidden flag (`"<archived><hidden>"`, as stored in projects.key_counts),
   * counted as the rows go in so the swap transaction need not scan 100,000 wide key rows to count them (~0.12 s).
   */
  private readonly keyCounts: Record<string, number> = {};
  /** Set by writeOrders: the counts to commit with, once the orders are written. */
  private ordered: SnapshotCounts | null = null;
  /** Set by prepareSwap: the index's last batches being committed. */
  private indexed: Promise<void> | null = null;

  private constructor(
    private readonly connection: Connection,
    private readonly search: SearchIndexWriter,
    private readonly plan: SnapshotPlan,
    public readonly projectId: string,
    public readonly generation: number,
  ) {
    // Past every key row and every index row: an index row left by a killed sync must never name a new key.
    const keyRow = connection.prepare('SELECT coalesce(max(id), 0) FROM keys').raw(true).get() as [number];
    const indexRow = connection.prepare('SELECT rowid FROM search.key_words ORDER BY rowid DESC LIMIT 1').raw(true).get() as [number] | undefined;
    this.nextId = Math.max(keyRow[0], indexRow?.[0] ?? 0) + 1;
    search.begin();
  }

  /**
   * Starts a new generation for `projectId`, first clearing leftovers of any earlier unfinished one. Its search
   * documents go to `search`, which must have nothing else in flight.
   */
  public static begin(connection: Connection, projectId: string, search: SearchIndexWriter, plan: SnapshotPlan): SnapshotWriter {
    const row = connection.prepare('SELECT generation FROM projects WHERE project_id = ?').raw(true).get(projectId) as [number] | undefined;
    const current = row?.[0] ?? 0;
    purgeGenerations(connection, projectId, current);
    useSyncCache(connection, true);
    return new SnapshotWriter(connection, search, plan, projectId, current + 1);
  }

  /**
   * This writer as a `SnapshotWriting`: closures over it, so whoever holds one reaches neither the writer nor its
   * connection. `onEnd` is called once the snapshot is committed or thrown away.
   */
  public writing(onEnd: () => void): SnapshotWriting {
    return Object.freeze({
      writeLanguages: (languages: readonly LokaliseLanguage[]) => Promise.resolve().then(() => this.writeLanguages(languages)),
      writeKeys: (page: KeyPageInput) => this.writePage(page),
      carryForward: (dropKeyIds: readonly number[]) => Promise.resolve().then(() => this.carryForward(dropKeyIds)),
      commit: async (project: LokaliseProject, startedAt: number, changes: SyncChanges | null = null) => {
        const counts = await this.commit(project, startedAt, changes);
        onEnd();
        return counts;
      },
      abort: () => this.abandon().finally(onEnd),
    });
  }

  /** Writes the project's languages. */
  public writeLanguages(languages: readonly LokaliseLanguage[]): void {
    const insert = this.connection.prepare(
      'INSERT INTO languages (project_id, generation, position, lang_id, iso, name, is_rtl, plural_forms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.positions = new Map(languages.map((language, position) => [language.iso, position]));
    this.connection.transaction(() => {
      languages.forEach((language, position) => {
        insert.run(this.projectId, this.generation, position, language.langId, language.iso, language.name, language.isRtl ? 1 : 0, JSON.stringify(language.pluralForms));
      });
    })();
  }

  /**
   * Writes one page of keys with their translations in one transaction, and hands their search documents to the
   * index writer once the rows are committed (so the index never names a key row that was rolled back).
   */
  public writeKeys(page: readonly LokaliseKey[]): void {
    const keys = laterCopies(page);
    const earlier = this.earlierRows(keys);
    if (keys.length < page.length || earlier.length > 0) {
      const repeated = [...new Set([...page.map((key) => key.keyId).filter((keyId, index, all) => all.indexOf(keyId) !== index), ...earlier.map((row) => row.keyId)])];
      this.plan.logger.warn('a key was listed twice; its later copy is kept', { projectId: this.projectId, keyIds: repeated.slice(0, 20), count: repeated.length });
    }
    const keyValues: unknown[] = [];
    const translationValues: unknown[] = [];
    const documentIds: number[] = [];
    const documents: string[] = [];
    const pageCounts = new Map<string, number>();
    let translations = 0;
    for (const key of keys) {
      const id = this.nextId;
      this.nextId += 1;
      const stored: Record<string, StoredTranslation> = {};
      const present = new Set<number>();
      let emptyMask = 0;
      let unverifiedMask = 0;
      let unreviewedMask = 0;
      for (const translation of key.translations) {
        const forms = translation.pluralForms;
        const empty = isEmptyTranslation(translation.value, forms);
        stored[translation.languageIso] = [translation.value, forms, translation.isReviewed ? 1 : 0, translation.isUnverified ? 1 : 0, translation.modifiedAt];
        translations += 1;
        const position = this.positions.get(translation.languageIso);
        if (position === undefined || position >= maskedLanguages) continue;
        const bit = 2 ** position;
        present.add(position);
        if (empty) emptyMask += bit;
        else if (!translation.isReviewed) unreviewedMask += bit;
        if (!empty && translation.isUnverified) unverifiedMask += bit;
      }
      for (const position of this.positions.values()) {
        if (position < maskedLanguages && !present.has(position)) emptyMask += 2 ** position;
      }
      keyValues.push(
        id, this.projectId, this.generation, key.keyId, displayName(key), key.keyNames.ios, key.keyNames.android, key.keyNames.web,
        key.keyNames.other, key.description, key.context, key.charLimit, JSON.stringify(key.tags), JSON.stringify(key.platforms),
        key.isPlural ? 1 : 0, key.pluralName, key.isHidden ? 1 : 0, key.isArchived ? 1 : 0, key.createdAt, key.modifiedAt,
        emptyMask, unverifiedMask, unreviewedMask, key.translationsModifiedAt,
      );
      const flags = `${key.isArchived ? 1 : 0}${key.isHidden ? 1 : 0}`;
      pageCounts.set(flags, (pageCounts.get(flags) ?? 0) + 1);
      translationValues.push(id, JSON.stringify(stored));
      documentIds.push(id);
      documents.push(searchDocument(key));
    }
    this.connection.transaction(() => {
      if (earlier.length > 0) this.removeRows(earlier);
      this.insertRows('keys', keyColumns, keyValues, keysPerStatement);
      this.insertRows('key_translations', translationColumns, translationValues, translationRowsPerStatement);
    })();
    if (earlier.length > 0) this.search.remove(earlier.map((row) => row.id));
    this.search.add(documentIds, documents);
    for (const key of keys) this.highestKeyId = Math.max(this.highestKeyId, key.keyId);
    for (const [flags, count] of pageCounts) this.keyCounts[flags] = (this.keyCounts[flags] ?? 0) + count;
    this.counts.keys += keys.length;
    this.counts.translations += translations;
  }

  /** The rows already written in this snapshot for keys of `keys` (a key listed again), with their translation counts. */
  private earlierRows(keys: readonly LokaliseKey[]): { id: number; keyId: number; translations: number }[] {
    const candidates = keys.filter((key) => key.keyId <= this.highestKeyId).map((key) => key.keyId);
    if (candidates.length === 0) return [];
    const rows = this.connection
      .prepare(
        `SELECT k.id, k.key_id, (SELECT count(*) FROM key_translations t, json_each(t.translations) WHERE t.key_row = k.id)
         FROM keys k WHERE k.project_id = ? AND k.generation = ? AND k.key_id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true)
      .all(this.projectId, this.generation, JSON.stringify(candidates)) as [number, number, number][];
    return rows.map(([id, keyId, translations]) => ({ id, keyId, translations }));
  }

  /** Deletes rows written earlier in this snapshot (inside the page's transaction); their later copies replace them. */
  private removeRows(rows: readonly { id: number; translations: number }[]): void {
    const ids = JSON.stringify(rows.map((row) => row.id));
    this.connection.prepare('DELETE FROM key_translations WHERE key_row IN (SELECT value FROM json_each(?))').run(ids);
    this.connection.prepare('DELETE FROM keys WHERE id IN (SELECT value FROM json_each(?))').run(ids);
    this.counts.keys -= rows.length;
    this.counts.translations -= rows.reduce((sum, row) => sum + row.translations, 0);
    // Orders written already name a row that is gone: commit writes them again.
    if (this.orderedKeys !== null) this.orderedKeys = -1;
  }

  /** See SnapshotWriting.carryForward. */
  public carryForward(dropKeyIds: readonly number[]): void {
    if (this.carry !== null) throw new Error('carryForward was already called for this snapshot');
    this.carry = new CarryOver(this.connection, this.projectId, this.generation - 1, this.generation, dropKeyIds);
  }

  /**
   * Writes the list orders of the keys written so far. writePage calls it once every key the project reported has
   * arrived, while the request that confirms the end of the list (Lokalise's final, empty page) is still out, so
   * the sort is done by the time the answer comes; commit writes them again only if more keys arrived after all.
   */
  public prepareOrders(): void {
    this.connection.transaction(() => {
      if (this.orderedKeys !== null) this.connection.prepare('DELETE FROM key_order WHERE project_id = ? AND generation = ?').run(this.projectId, this.generation);
      writeKeyOrders(this.connection, this.projectId, this.generation);
    })();
    this.orderedKeys = this.counts.keys;
  }

  /**
   * Writes a page (writeKeys; parsed here first if it came unparsed), then waits until the index is no more than a few pages behind (rejecting if indexing
   * failed); once every key the project reported has arrived, prepares the list orders. Resolves with the counts.
   */
  public async writePage(page: KeyPageInput): Promise<PageCounts> {
    const keys = readKeyPage(page);
    this.writeKeys(keys);
    await this.search.keepUp(indexBacklogPages);
    // Every key the project reported is here: the next page is almost surely the empty one that ends the list.
    // (A resync's orders also cover the keys it carries over, so it writes them at commit.)
    if (this.orderedKeys === null && this.carry === null && this.counts.keys >= this.plan.expectedKeys) this.prepareOrders();
    return { ...this.counts, pageKeyIds: keys.map((key) => key.keyId) };
  }

  /**
   * All of commit but the swap, once: the list orders written (writeOrders) and every search document indexed, so the
   * writing thread can read the new snapshot's search arrays before anyone can search it (search-handover.ts).
   */
  public async prepareSwap(): Promise<SnapshotCounts> {
    const counts = this.writeOrders();
    this.indexed ??= this.search.flush();
    await this.indexed;
    return counts;
  }

  /**
   * Writes the list orders, once, unless prepareOrders already wrote them for exactly the keys written (a resync's
   * orders include the keys it carries), and answers the counts to commit with. Apart from prepareSwap so that the
   * writing thread can read the search arrays off the orders while the index thread commits its last batches (two
   * cores, one job each).
   */
  public writeOrders(): SnapshotCounts {
    if (this.ordered !== null) return this.ordered;
    const carry = this.carry;
    let counts: SnapshotCounts = { ...this.counts };
    if (carry !== null) {
      counts = carry.prepare(this.counts);
      this.connection.transaction(() => {
        this.connection.prepare('DELETE FROM key_order WHERE project_id = ? AND generation = ?').run(this.projectId, this.generation);
        writeKeyOrders(this.connection, this.projectId, this.generation, carry.rowsTable);
      })();
    } else if (this.orderedKeys !== this.counts.keys) this.prepareOrders();
    this.ordered = counts;
    return counts;
  }

  /**
   * Writes the generation's list orders (unless prepareSwap already did, for the same keys) and waits until every
   * search document is indexed, then makes it the one readers see, in one short transaction, together with the
   * project facts and the sync facts; then removes the previous generation and gives the browsing cache back.
   */
  public async commit(project: LokaliseProject, startedAt: number, changes: SyncChanges | null, finishedAt?: number): Promise<SnapshotCounts> {
    const counts = await this.prepareSwap();
    const carry = this.carry;
    const finished = finishedAt ?? this.plan.now();
    this.connection.transaction(() => {
      carry?.moveRows();
      const groups = this.connection
        .prepare('SELECT is_archived, is_hidden, count(*) FROM keys WHERE project_id = ? AND generation = ? GROUP BY is_archived, is_hidden')
        .raw(true)
        .all(this.projectId, this.generation) as [number, number, number][];
      const keyCounts = Object.fromEntries(groups.map(([archived, hidden, total]) => [`${archived}${hidden}`, total]));
      this.connection
        .prepare(
          `UPDATE projects SET generation = ?, key_counts = ?, name = ?, description = ?, base_language_id = ?, base_language_iso = ?, team_id = ?,
             progress_total = ?, keys_total = ?, language_progress = ?, access = 'ok', snapshot_format = ? WHERE project_id = ?`,
        )
        .run(
          this.generation, JSON.stringify(keyCounts), project.name, project.description, project.baseLanguageId, project.baseLanguageIso, project.teamId,
          project.progressTotal, project.keysTotal, JSON.stringify(project.languages), snapshotFormat, this.projectId,
        );
      this.connection
        .prepare(
          `INSERT INTO sync_facts (project_id, status, last_synced_at, duration_ms, key_count, translation_count, last_error, kind, keys_updated, keys_added, keys_removed)
           VALUES (?, 'ok', ?, ?, ?, ?, NULL, ?, ?, ?, ?)
           ON CONFLICT (project_id) DO UPDATE SET status = 'ok', last_synced_at = excluded.last_synced_at, duration_ms = excluded.duration_ms,
             key_count = excluded.key_count, translation_count = excluded.translation_count, last_error = NULL, kind = excluded.kind,
             keys_updated = excluded.keys_updated, keys_added = excluded.keys_added, keys_removed = excluded.keys_removed`,
        )
        .run(
          this.projectId, finished, finished - startedAt, counts.keys, counts.translations, changes === null ? 'full' : 'incremental',
          changes?.updated ?? null, changes?.added ?? null, changes?.removed ?? null,
        );
    })();
    carry?.finish();
    if (this.plan.removeLater !== true) this.tidyUp();
    return counts;
  }

  /**
   * After a swap or an abort: removes every generation but the current one (the previous snapshot, or the one thrown
   * away), gives the browsing cache back and lets the index merge its new segments. Commit and abort do it at once
   * unless the plan says `removeLater`; the writing thread then does it with `tidyUpInSteps`.
   */
  public tidyUp(): void {
    purgeGenerations(this.connection, this.projectId, this.currentGeneration());
    useSyncCache(this.connection, false);
    this.search.tidy();
  }

  /**
   * tidyUp in small transactions of `keysPerStep` keys, awaiting `pause` between them, so that a reader or a short
   * write on another connection never waits long for the lock (see snapshot-worker.ts). The page cache stays small.
   */
  public async tidyUpInSteps(keysPerStep: number, pause: () => Promise<void>): Promise<void> {
    const keep = this.currentGeneration();
    while (purgeStep(this.connection, this.projectId, keep, keysPerStep)) await pause();
    this.search.tidy();
  }

  private currentGeneration(): number {
    const row = this.connection.prepare('SELECT generation FROM projects WHERE project_id = ?').raw(true).get(this.projectId) as [number] | undefined;
    return row?.[0] ?? 0;
  }

  /**
   * Throws away this generation's rows (after a failure or cancel) once the index writer has stopped adding to
   * them; the current snapshot is untouched.
   */
  public async abandon(): Promise<void> {
    this.carry?.finish();
    await this.search.flush().catch(() => undefined);
    if (this.plan.removeLater === true) return;
    purgeGenerations(this.connection, this.projectId, this.currentGeneration());
    useSyncCache(this.connection, false);
  }

  private insertRows(table: string, columns: readonly string[], values: readonly unknown[], perStatement: number): void {
    const width = columns.length;
    const rows = values.length / width;
    for (let start = 0; start < rows; start += perStatement) {
      const count = Math.min(perStatement, rows - start);
      this.statement(table, columns, count).run(values.slice(start * width, (start + count) * width));
    }
  }

  private statement(table: string, columns: readonly string[], rows: number): Statement {
    const name = `${table}:${rows}`;
    let statement = this.statements.get(name);
    if (statement === undefined) {
      const row = `(${columns.map(() => '?').join(', ')})`;
      statement = this.connection.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`);
      this.statements.set(name, statement);
    }
    return statement;
  }
}

/** The page with each key once, at the place of its last copy (the later copy wins). */
function laterCopies(page: readonly LokaliseKey[]): readonly LokaliseKey[] {
  const last = new Map<number, number>();
  page.forEach((key, index) => last.set(key.keyId, index));
  return last.size === page.length ? page : page.filter((key, index) => last.get(key.keyId) === index);
}

/**
 * Deletes up to `limit` keys (with their translations and search documents) of generations of `projectId` other
 * than `keep`, in one transaction; once none is left, their list orders and languages too. False when nothing was
 * left to delete.
 */
export function purgeStep(connection: Connection, projectId: string, keep: number, limit: number): boolean {
  const ids = (connection.prepare('SELECT id FROM keys WHERE project_id = ? AND generation <> ? LIMIT ?').raw(true).all(projectId, keep, limit) as [number][]).map((row) => row[0]);
  if (ids.length === 0) {
    const orders = connection.prepare('DELETE FROM key_order WHERE project_id = ? AND generation <> ?').run(projectId, keep).changes;
    const languages = connection.prepare('DELETE FROM languages WHERE project_id = ? AND generation <> ?').run(projectId, keep).changes;
    return orders + languages > 0;
  }
  const deleteSearch = connection.prepare('DELETE FROM search.key_words WHERE rowid = ?');
  const deleteTranslations = connection.prepare('DELETE FROM key_translations WHERE key_row = ?');
  const deleteKey = connection.prepare('DELETE FROM keys WHERE id = ?');
  connection.transaction(() => {
    for (const id of ids) {
      deleteSearch.run(id);
      deleteTranslations.run(id);
      deleteKey.run(id);
    }
  })();
  return true;
}

/** Deletes every generation of `projectId` other than `keep`, in chunks so no single transaction grows large. */
export function purgeGenerations(connection: Connection, projectId: string, keep: number): void {
  while (purgeStep(connection, projectId, keep, 2000));
}
