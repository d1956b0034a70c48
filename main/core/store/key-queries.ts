/**
 * The reads behind the project view: a page of keys for a source and target languages with Lokalise's filters,
 * full-text search, a stable sort and a total count; one key in full; and the project's facets.
 *
 * Every query reads the project's current generation only, so a sync writing the next one never shows through.
 */
import type { KeyCursor, KeyDetail, KeyPage, KeyQuery, KeyRow, Language, ProjectFacets, TranslationCell } from '../../../common/contract';
import type { Connection } from './connection';
import { currentGeneration } from './project-rows';
import { sortOrders } from './key-order';
import { maskedLanguages, isEmptyTranslation, type StoredTranslation } from './stored-translations';
import { buildSearch, type SearchConditions } from './search';
import { indexVocabulary } from './search-vocabulary';
import { forgetRanks, rankedSearch, ranksArriving, readRanksSoon, type RankQuery } from './search-ranks';
import { qaCondition } from './qa-results';
import { scanPage } from './scan-page';
import { forgetWarmedPages, warmPagesSoon } from './page-warming';
import { cachedStatement } from './statements';
import { readLanguages, snapshotFacets, type GenerationFacets } from './facets-read';

type Row = Record<string, unknown>;

/** A key's own columns as keyRow reads them, in this order (rows read raw, as arrays, cost less to hand over). */
const keyColumns = 'k.id, k.key_id, k.name, k.description, k.is_plural, k.is_archived, k.is_hidden, k.tags, k.platforms, k.char_limit, k.modified_at';
const keyColumnCount = 11;

/** A snapshot's languages never change once it is written, so each is read once per snapshot (keyed by generation). */
const keptLanguageLists = 8;
const languageCache = new WeakMap<Connection, Map<string, readonly Language[]>>();

function languagesOf(connection: Connection, projectId: string, generation: number): readonly Language[] {
  const cache = languageCache.get(connection) ?? new Map<string, readonly Language[]>();
  languageCache.set(connection, cache);
  const cacheKey = `${projectId}\u0000${generation}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const languages = readLanguages(connection, projectId, generation);
  cache.set(cacheKey, languages);
  for (const old of cache.keys()) {
    if (cache.size <= keptLanguageLists) break;
    cache.delete(old);
  }
  return languages;
}

function cell(entry: StoredTranslation | null | undefined, iso: string): TranslationCell {
  if (entry === undefined || entry === null) {
    return { languageIso: iso, value: '', pluralForms: null, isEmpty: true, isReviewed: false, isUnverified: false, modifiedAt: null };
  }
  const [value, forms, reviewed, unverified, modifiedAt] = entry;
  return {
    languageIso: iso,
    value,
    pluralForms: forms,
    isEmpty: isEmptyTranslation(value, forms),
    isReviewed: reviewed === 1,
    isUnverified: unverified === 1,
    modifiedAt,
  };
}

function jsonList(text: unknown): string[] {
  // Most keys have no tags or no platforms: no parse for those.
  if (text === '[]') return [];
  try {
    const parsed: unknown = JSON.parse(typeof text === 'string' ? text : '[]');
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/** A row's `keyColumns`, read raw: the first `keyColumnCount` values, in keyColumns' order. */
function keyRow(row: readonly unknown[], translations: TranslationCell[]): KeyRow {
  const [, keyId, name, description, isPlural, isArchived, isHidden, tags, platforms, charLimit, modifiedAt] = row;
  return {
    keyId: Number(keyId),
    name: String(name),
    description: String(description),
    isPlural: isPlural === 1,
    isArchived: isArchived === 1,
    isHidden: isHidden === 1,
    tags: jsonList(tags),
    platforms: jsonList(platforms),
    charLimit: Number(charLimit),
    modifiedAt: typeof modifiedAt === 'number' ? modifiedAt : null,
    translations,
  };
}

/** Every language's cell of a key, from its stored translations object. */
function allCells(translations: unknown, isos: readonly string[]): TranslationCell[] {
  const stored = JSON.parse(typeof translations === 'string' ? translations : '{}') as Record<string, StoredTranslation>;
  return isos.map((iso) => cell(stored[iso], iso));
}

const maskColumn = { untranslated: 'empty_mask', unverified: 'unverified_mask', notReviewed: 'unreviewed_mask' } as const;
const rankMask = { untranslated: 'empty', unverified: 'unverified', notReviewed: 'unreviewed' } as const;

/** The languages a status filter looks at, as positions in the project's language list. */
function statusPositions(query: KeyQuery, languages: readonly Language[]): number[] {
  const isos = query.statusIso !== null ? [query.statusIso] : query.targetIsos.length > 0 ? query.targetIsos : languages.map((language) => language.iso);
  return isos.map((iso) => languages.findIndex((language) => language.iso === iso)).filter((position) => position >= 0);
}

/** The conditions for the query's search text over the index attached to `connection`. */
export function searchConditions(connection: Connection, query: KeyQuery): SearchConditions {
  return buildSearch(query.search, indexVocabulary(connection));
}

/**
 * The query for rankedSearch when it can answer `query` (with `search`, its searchConditions) exactly (see
 * search-ranks.ts), else null; exported for tests.
 */
export function rankQuery(query: KeyQuery, languages: readonly Language[], search: SearchConditions): RankQuery | null {
  if (search.match === null || search.where.length > 0 || query.tags.length > 0 || query.platforms.length > 0 || query.qa !== null) return null;
  let status: RankQuery['status'] = null;
  if (query.status !== null) {
    const positions = statusPositions(query, languages);
    if (positions.length === 0 || positions.some((position) => position >= maskedLanguages)) return null;
    status = { column: rankMask[query.status], bits: positions.reduce((mask, position) => mask + 2 ** position, 0) };
  }
  const { includeArchived, includeHidden, sort, offset, limit } = query;
  return { match: search.match, includeArchived, includeHidden, sort, status, offset, limit };
}

/**
 * The FROM clause, conditions and parameters for a query. With search terms the query is driven from the full-text
 * index (each match looked up by key row id) rather than by scanning the project's keys; without, from the
 * snapshot's key_order rows in the wanted order (see migrations.ts), joined to the key rows only when a condition
 * needs them (tags, platforms, search terms checked by LIKE, languages past the bitmask range).
 */
function filters(query: KeyQuery, generation: number, languages: readonly Language[], search: SearchConditions): { from: string; where: string[]; parameters: unknown[]; ordered: boolean } {
  const ordered = search.match === null;
  // The flags and masks are read from key_order (alias o) on the ordered path, and from the key rows otherwise.
  const flags = ordered ? 'o' : 'k';
  const where = [`${flags}.project_id = ?`, `${flags}.generation = ?`];
  const parameters: unknown[] = [query.projectId, generation];
  let needsKeys = !ordered;
  if (ordered) {
    where.push('o.sort = ?');
    parameters.push(sortOrders[query.sort]);
  }
  if (!query.includeArchived) where.push(`${flags}.is_archived = 0`);
  if (!query.includeHidden) where.push(`${flags}.is_hidden = 0`);
  if (query.status !== null) {
    const positions = statusPositions(query, languages);
    const masked = positions.filter((position) => position < maskedLanguages);
    const alternatives: string[] = [];
    if (masked.length > 0) {
      alternatives.push(`(${flags}.${maskColumn[query.status]} & ?) != 0`);
      parameters.push(masked.reduce((mask, position) => mask + 2 ** position, 0));
    }
    for (const position of positions.filter((entry) => entry >= maskedLanguages)) {
      const path = `'$."${(languages[position]?.iso ?? '').replace(/[^A-Za-z0-9_-]/g, '')}"'`;
      const value = (index: number): string => `(SELECT json_extract(t.translations, ${path} || '[${index}]') FROM key_translations t WHERE t.key_row = k.id)`;
      needsKeys = true;
      if (query.status === 'untranslated') alternatives.push(`coalesce(trim(${value(0)}), '') = ''`);
      if (query.status === 'unverified') alternatives.push(`${value(3)} = 1`);
      if (query.status === 'notReviewed') alternatives.push(`${value(2)} = 0`);
    }
    where.push(alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`);
  }
  for (const [column, values] of [['tags', query.tags], ['platforms', query.platforms]] as const) {
    if (values.length === 0) continue;
    needsKeys = true;
    where.push(`(${values.map(() => `instr(k.${column}, ?) > 0`).join(' OR ')})`);
    parameters.push(...values.map((value) => JSON.stringify(value)));
  }
  if (query.qa !== null) {
    // The results file's rows name key rows, so this needs no join: an IN list built once from its project index.
    const qa = qaCondition(`${flags}.id`, query.projectId, generation, query.targetIsos, query.qa);
    where.push(qa.sql);
    parameters.push(...qa.parameters);
  }
  if (search.where.length > 0) needsKeys = true;
  where.push(...search.where);
  parameters.push(...search.parameters);
  if (!ordered) {
    return { from: '(SELECT rowid AS id FROM key_words WHERE key_words MATCH ?) f CROSS JOIN keys k ON k.id = f.id', where, parameters: [search.match, ...parameters], ordered };
  }
  return { from: needsKeys ? 'key_order o JOIN keys k ON k.id = o.id' : 'key_order o', where, parameters, ordered };
}

/** The total recorded at the swap, for a query with no filter but the archived/hidden switches; otherwise null. */
function storedTotal(connection: Connection, query: KeyQuery): number | null {
  if (query.status !== null || query.qa !== null || query.tags.length > 0 || query.platforms.length > 0 || query.search.trim() !== '') return null;
  const row = cachedStatement(connection, 'SELECT key_counts FROM projects WHERE project_id = ?', true).get(query.projectId) as [string | null] | undefined;
  if (row?.[0] === null || row?.[0] === undefined) return null;
  const counts = JSON.parse(row[0]) as Record<string, number>;
  const wanted = Object.entries(counts).filter(([flags]) => (query.includeArchived || flags[0] === '0') && (query.includeHidden || flags[1] === '0'));
  return wanted.reduce((sum, [, total]) => sum + total, 0);
}

/** The query's cursor when it comes from this snapshot and ends before the page starts; otherwise null. */
function usableCursor(query: KeyQuery, generation: number): KeyCursor | null {
  const after = query.after ?? null;
  return after !== null && after.generation === generation && after.offset < query.offset ? after : null;
}

/**
 * Milliseconds a search that must check every key's text (no indexed word narrows it) may take before it answers
 * with the matches found so far; see scan-page.ts. Small enough that the window never waits noticeably on it.
 */
export const scanBudgetMs = 60;

/** How keyPage may answer: `ranked: false` forces the SQL path (tests compare the two); `budgetMs` overrides scanBudgetMs. */
export interface KeyPageOptions {
  readonly ranked?: boolean;
  readonly budgetMs?: number;
}

/**
 * A page of keys matching `query`, with the total number of matches. A search that only a scan of every key can
 * answer is cut at its time budget and says how far it got (`partial`).
 */
export function keyPage(connection: Connection, query: KeyQuery, options: KeyPageOptions = {}): KeyPage {
  const generation = currentGeneration(connection, query.projectId);
  if (generation === null) return { total: 0, offset: query.offset, items: [] };
  // A project's first page (usually before any search) has its search arrays read elsewhere once it is answered, and
  // the pages its first searches read warmed on this connection in the background (page-warming.ts).
  const isCurrent = (): boolean => currentGeneration(connection, query.projectId) === generation;
  readRanksSoon(connection, query.projectId, generation, isCurrent);
  void warmPagesSoon(connection, query.projectId, generation, isCurrent);
  const languages = languagesOf(connection, query.projectId, generation);
  const search = searchConditions(connection, query);
  const ranked = options.ranked === false ? null : rankQuery(query, languages, search);
  const found = ranked === null ? null : rankedSearch(connection, query.projectId, generation, ranked);
  if (found !== null) return { total: found.total, offset: query.offset, items: pageRows(connection, found.ids, query) };
  const { from, where, parameters, ordered } = filters(query, generation, languages, search);
  const clause = where.join(' AND ');
  if (ordered && search.where.length > 0) {
    const { projectId, offset, limit } = query;
    const budgetMs = options.budgetMs ?? scanBudgetMs;
    const scanned = scanPage(connection, { from, clause, parameters, projectId, generation, sort: sortOrders[query.sort], offset, limit, budgetMs });
    const items = pageRows(connection, scanned.ids, query);
    if (scanned.searchedKeys >= scanned.totalKeys) return { total: scanned.matched, offset, items };
    return { total: scanned.matched, offset, items, partial: { searchedKeys: scanned.searchedKeys, totalKeys: scanned.totalKeys } };
  }
  const countAll = (): number => (connection.prepare(`SELECT count(*) FROM ${from} WHERE ${clause}`).raw(true).get(...parameters) as [number])[0];
  let ids: number[];
  let total: number;
  if (ordered) {
    // Without search the ordered page is a range of key_order: from a cursor of this snapshot it seeks to the
    // cursor's position (the primary key) and walks only the rows between, and takes the cursor's total; without
    // one, the unfiltered total comes from the swap's counts. Either way the rows come in position order.
    const after = usableCursor(query, generation);
    total = after?.total ?? storedTotal(connection, query) ?? countAll();
    const sql = `SELECT o.id, o.position FROM ${from} WHERE ${clause}${after === null ? '' : ' AND o.position > ?'} ORDER BY o.position LIMIT ? OFFSET ?`;
    const statement = cachedStatement(connection, sql, true);
    const rows =
      after === null
        ? (statement.all(...parameters, query.limit, query.offset) as [number, number][])
        : (statement.all(...parameters, after.position, query.limit, query.offset - after.offset - 1) as [number, number][]);
    ids = rows.map((entry) => entry[0]);
    const end = rows.at(-1);
    const items = pageRows(connection, ids, query);
    if (end === undefined) return { total, offset: query.offset, items };
    return { total, offset: query.offset, items, cursor: { generation, offset: query.offset + rows.length - 1, position: end[1], total } };
  } else {
    const order = query.sort === 'modified' ? 'k.modified_at DESC, k.key_id' : 'k.name COLLATE NOCASE, k.key_id';
    // With search, one pass computes the page and the total (a window count), so the full-text query runs once.
    const page = connection
      .prepare(`SELECT k.id, count(*) OVER () FROM ${from} WHERE ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .raw(true)
      .all(...parameters, query.limit, query.offset) as [number, number][];
    ids = page.map((entry) => entry[0]);
    total = page[0]?.[1] ?? (query.offset === 0 ? 0 : countAll());
  }
  return { total, offset: query.offset, items: pageRows(connection, ids, query) };
}

/**
 * The read of the project's search arrays to wait for before `query` is answered, or null when there is none (no
 * search text, arrays held, or read on main): a search waits for a read elsewhere under way rather than take the
 * slower SQL path, and never has main build the arrays (see search-ranks.ts).
 */
export function searchArriving(connection: Connection, query: KeyQuery): Promise<void> | null {
  if (query.search.trim() === '') return null;
  const generation = currentGeneration(connection, query.projectId);
  if (generation === null) return null;
  return ranksArriving(connection, query.projectId, generation, () => currentGeneration(connection, query.projectId) === generation);
}

/**
 * The rows for key row `ids`, in that order, with the query's source and target languages. SQLite picks out only
 * those languages' entries, so a page of a 10-language project parses a fifth of each key's translations.
 */
function pageRows(connection: Connection, ids: readonly number[], query: KeyQuery): KeyRow[] {
  if (ids.length === 0) return [];
  const isos = [query.sourceIso, ...query.targetIsos.filter((iso) => iso !== query.sourceIso)];
  // With two or more paths json_extract answers a JSON array (null where a language has no entry); the trailing
  // path (no language code has a "~") keeps that shape when only one language is asked for.
  const paths = [...isos.map((iso) => `$."${iso.replace(/[^A-Za-z0-9_-]/g, '')}"`), '$."~"'];
  // The whole page comes back as one JSON text, parsed once: handing each of a page's 1,200 values over one by one
  // cost more than SQLite's reading them (0.9-1.2 ms against 0.6-0.9 for a page of 100 keys, measured).
  const sql = `SELECT json_group_array(json_array(${keyColumns}, json_extract(t.translations, ${paths.map(() => '?').join(', ')})))
       FROM keys k JOIN key_translations t ON t.key_row = k.id WHERE k.id IN (${ids.map(() => '?').join(', ')})`;
  const page = cachedStatement(connection, sql, true).get(...paths, ...ids) as [string] | undefined;
  const rows = JSON.parse(page?.[0] ?? '[]') as unknown[][];
  const byId = new Map(rows.map((row) => [Number(row[0]), row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (row === undefined) return [];
    const picked = row[keyColumnCount] as (StoredTranslation | null)[];
    return [keyRow(row, isos.map((iso, index) => cell(picked[index], iso)))];
  });
}

/** One key with every language of its project, or null when it is not in the current snapshot. */
export function keyDetail(connection: Connection, projectId: string, keyId: number): KeyDetail | null {
  const generation = currentGeneration(connection, projectId);
  if (generation === null) return null;
  const row = connection
    .prepare(`SELECT ${keyColumns}, t.translations, k.name_ios, k.name_android, k.name_web, k.name_other, k.context, k.plural_name, k.created_at
      FROM keys k JOIN key_translations t ON t.key_row = k.id WHERE k.project_id = ? AND k.generation = ? AND k.key_id = ?`)
    .get(projectId, generation, keyId) as Row | undefined;
  if (row === undefined) return null;
  const isos = languagesOf(connection, projectId, generation).map((language) => language.iso);
  const keyFields = [row.id, row.key_id, row.name, row.description, row.is_plural, row.is_archived, row.is_hidden, row.tags, row.platforms, row.char_limit, row.modified_at];
  return {
    ...keyRow(keyFields, allCells(row.translations, isos)),
    keyNames: { ios: String(row.name_ios), android: String(row.name_android), web: String(row.name_web), other: String(row.name_other) },
    context: String(row.context),
    pluralName: String(row.plural_name),
    createdAt: typeof row.created_at === 'number' ? row.created_at : null,
  };
}

const facetCache = new WeakMap<Connection, Map<string, ProjectFacets>>();
/** Per connection, how many times its snapshot caches were dropped: tells a thread's answer that raced with a drop. */
const forgets = new WeakMap<Connection, number>();

/**
 * Drops what is cached per snapshot (facets, search arrays, which snapshots had their pages warmed). The caches are keyed by generation, which only grows
 * while a project stays in the library; after "forget offline data" the numbering starts again, so they must go.
 */
export function forgetSnapshotCaches(connection: Connection): void {
  facetCache.delete(connection);
  forgets.set(connection, (forgets.get(connection) ?? 0) + 1);
  languageCache.delete(connection);
  forgetRanks(connection);
  forgetWarmedPages(connection);
}

/** The tags, platforms, languages and key counts of a project's current snapshot (cached per generation). */
export function projectFacets(connection: Connection, projectId: string): ProjectFacets {
  const generation = currentGeneration(connection, projectId);
  if (generation === null) return { tags: [], platforms: [], languages: [], keyCounts: null };
  const cache = facetCache.get(connection) ?? new Map<string, ProjectFacets>();
  facetCache.set(connection, cache);
  const cacheKey = `${projectId}\u0000${generation}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const facets = snapshotFacets(connection, projectId, generation, languagesOf(connection, projectId, generation));
  cache.set(cacheKey, facets);
  return facets;
}

/**
 * The facets as `projectFacets` gives them, with the reading done by `readElsewhere` (a thread, facets-thread.ts)
 * so main never reads every key of a snapshot; main only looks at the cache, one row per call. An answer is kept
 * only when it is still true when it arrives: the same generation is current and the caches were not dropped
 * ("forget offline data") meanwhile. `readElsewhere` answering null (no thread could run) reads on main instead.
 */
export async function projectFacetsElsewhere(
  connection: Connection,
  projectId: string,
  readElsewhere: (projectId: string) => Promise<GenerationFacets | null>,
): Promise<ProjectFacets> {
  const generation = currentGeneration(connection, projectId);
  if (generation === null) return { tags: [], platforms: [], languages: [], keyCounts: null };
  const cached = facetCache.get(connection)?.get(`${projectId}\u0000${generation}`);
  if (cached !== undefined) return cached;
  const forgotten = forgets.get(connection) ?? 0;
  const answer = await readElsewhere(projectId);
  if (answer === null) return projectFacets(connection, projectId);
  if (answer.generation !== null && connection.open && (forgets.get(connection) ?? 0) === forgotten && currentGeneration(connection, projectId) === answer.generation) {
    const cache = facetCache.get(connection) ?? new Map<string, ProjectFacets>();
    facetCache.set(connection, cache);
    cache.set(`${projectId}\u0000${answer.generation}`, answer.facets);
  }
  return answer.facets;
}
