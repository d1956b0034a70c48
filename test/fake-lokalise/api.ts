/**
 * The fake's API v2 routes under `/api2/`: projects, languages, keys, translations, teams and contributors/me,
 * with offset and cursor pagination as Lokalise serves them (including the cursor sent on the last non-empty page).
 */
import type { ServerResponse } from 'node:http';
import type { Dataset, FakeKey, FakeProject } from './dataset';
import { sendFlatError, sendJson, sendNestedError } from './http';
import { wireContributor, wireKey, wireLanguage, wireProject, wireTeam, wireTranslation } from './wire';
import type { FakeState } from './state';

type Query = URLSearchParams;

/** Decodes a cursor (`base64({"1": lastId})`) into the last id, or null when it is absent or malformed. */
export function decodeCursor(cursor: string | null): number | null {
  if (cursor === null || cursor === '') return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Record<string, unknown>;
    return typeof parsed['1'] === 'number' ? parsed['1'] : null;
  } catch {
    return null;
  }
}

/** Encodes a cursor the way Lokalise does. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ 1: lastId })).toString('base64');
}

function flag(query: Query, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  return value === null ? fallback : value === '1' || value === 'true';
}

function list(query: Query, name: string): string[] {
  return (query.get(name) ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

interface Page {
  limit: number;
  page: number;
}

/** Serves the API half of the fake. */
export class ApiRoutes {
  private readonly matchCache = new Map<string, number[]>();

  public constructor(
    private readonly dataset: Dataset,
    private readonly state: FakeState,
    private readonly revoked: Set<string>,
  ) {}

  /** Forgets cached filter results after the data changed. */
  public invalidate(): void {
    this.matchCache.clear();
  }

  /** The project a path refers to, for concurrency accounting, or null. */
  public projectIdOf(segments: readonly string[]): string | null {
    return segments[0] === 'projects' && segments[1] !== undefined ? decodeURIComponent(segments[1]).split(':')[0] ?? null : null;
  }

  /** The scope area a path needs. */
  public areaOf(segments: readonly string[]): keyof FakeState['switches']['scopes'] | null {
    if (segments[0] === 'teams') return 'teams';
    if (segments[0] !== 'projects') return null;
    const area = segments[2];
    if (area === undefined) return 'projects';
    if (area === 'languages' || area === 'keys' || area === 'translations' || area === 'contributors') return area;
    return null;
  }

  /** Routes one authenticated request. */
  public handle(segments: readonly string[], query: Query, response: ServerResponse): void {
    const [first, id, area, child] = segments;
    if (first === 'teams') {
      if (id === undefined) return this.paged(response, query, this.dataset.teams.map(wireTeam), 'teams', {});
      const team = this.dataset.teams.find((entry) => String(entry.teamId) === id);
      return team === undefined ? sendNestedError(response, 404, 'Not Found') : sendJson(response, 200, { team: wireTeam(team) });
    }
    if (first !== 'projects') return sendFlatError(response, 404, 'Not Found');
    if (id === undefined) return this.projects(query, response);
    const project = this.dataset.project(decodeURIComponent(id).split(':')[0] ?? '');
    if (project === undefined || this.revoked.has(project.projectId)) return sendNestedError(response, 404, 'Not Found');
    const envelope = { project_id: project.projectId, branch: 'master' };
    if (area === undefined) return sendJson(response, 200, wireProject(this.dataset, project, { statistics: flag(query, 'include_statistics', true), settings: flag(query, 'include_settings', true) }));
    if (area === 'languages' && child === undefined) {
      return this.paged(response, query, project.languages.map((_, position) => wireLanguage(project, position)), 'languages', envelope);
    }
    if (area === 'keys' && child === undefined) return this.keys(project, query, response);
    if (area === 'keys' && child !== undefined) return this.singleKey(project, child, response);
    if (area === 'translations' && child === undefined) return this.translations(project, query, response);
    if (area === 'contributors' && child === 'me') return sendJson(response, 200, wireContributor(project));
    return sendFlatError(response, 404, 'Not Found');
  }

  private projects(query: Query, response: ServerResponse): void {
    const names = list(query, 'filter_names');
    const teamId = query.get('filter_team_id');
    const visible = this.dataset.projects.filter(
      (project) =>
        !this.revoked.has(project.projectId) &&
        (names.length === 0 || names.includes(project.name)) &&
        (teamId === null || String(project.teamId) === teamId),
    );
    const options = { statistics: flag(query, 'include_statistics', true), settings: flag(query, 'include_settings', true) };
    this.paged(response, query, visible.map((project) => wireProject(this.dataset, project, options)), 'projects', {});
  }

  private pageOf(query: Query, maximum: number, response: ServerResponse): Page | null {
    const limit = Number(query.get('limit') ?? '100');
    const page = Number(query.get('page') ?? '1');
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(page) || page < 1) {
      sendNestedError(response, 400, 'Invalid `limit` or `page` parameter');
      return null;
    }
    if (limit > maximum) {
      sendNestedError(response, 400, `Limit exceeds the maximum of ${maximum}`);
      return null;
    }
    return { limit, page };
  }

  private paged(response: ServerResponse, query: Query, items: readonly object[], name: string, envelope: object): void {
    const page = this.pageOf(query, 5000, response);
    if (page === null) return;
    const slice = items.slice((page.page - 1) * page.limit, page.page * page.limit);
    sendJson(response, 200, { ...envelope, [name]: slice }, this.offsetHeaders(items.length, page));
  }

  private offsetHeaders(total: number, page: Page): Record<string, string> {
    return {
      'X-Pagination-Total-Count': String(total),
      'X-Pagination-Page-Count': String(Math.max(1, Math.ceil(total / page.limit))),
      'X-Pagination-Limit': String(page.limit),
      'X-Pagination-Page': String(page.page),
    };
  }

  private matchingIndexes(project: FakeProject, query: Query): number[] {
    const archived = query.get('filter_archived') ?? 'exclude';
    const names = list(query, 'filter_keys');
    const ids = list(query, 'filter_key_ids').map(Number);
    const tags = list(query, 'filter_tags');
    const platforms = list(query, 'filter_platforms');
    const untranslated = flag(query, 'filter_untranslated', false);
    const signature = JSON.stringify([project.projectId, archived, names, ids, tags, platforms, untranslated]);
    const cached = this.matchCache.get(signature);
    if (cached !== undefined) return cached;
    const needsKey = names.length > 0 || tags.length > 0 || platforms.length > 0;
    const result: number[] = [];
    for (const index of this.dataset.liveIndexes(project)) {
      const isArchived = this.dataset.flags(project, index).isArchived;
      if ((archived === 'exclude' && isArchived) || (archived === 'only' && !isArchived)) continue;
      if (ids.length > 0 && !ids.includes(this.dataset.keyIdAt(project, index))) continue;
      if (untranslated && !project.languages.some((_, position) => this.dataset.isUntranslated(project, index, position))) continue;
      if (needsKey) {
        const key = this.dataset.key(project, index);
        if (names.length > 0 && !Object.values(key.keyNames).some((name) => names.includes(name))) continue;
        if (tags.length > 0 && !key.tags.some((tag) => tags.includes(tag))) continue;
        if (platforms.length > 0 && !key.platforms.some((platform) => platforms.includes(platform))) continue;
      }
      result.push(index);
    }
    this.matchCache.set(signature, result);
    return result;
  }

  private keys(project: FakeProject, query: Query, response: ServerResponse): void {
    const page = this.pageOf(query, 500, response);
    if (page === null) return;
    const languageIds = list(query, 'filter_translation_lang_ids').map(Number);
    const options = { translations: flag(query, 'include_translations', false), languageIds: languageIds.length > 0 ? new Set(languageIds) : null };
    const envelope = { project_id: project.projectId, branch: 'master' };
    const indexes = this.matchingIndexes(project, query);
    const render = (index: number): object => wireKey(this.dataset.key(project, index), options);
    if (query.get('pagination') !== 'cursor') {
      const slice = indexes.slice((page.page - 1) * page.limit, page.page * page.limit);
      sendJson(response, 200, { ...envelope, keys: slice.map(render) }, this.offsetHeaders(indexes.length, page));
      return;
    }
    const after = decodeCursor(query.get('cursor'));
    const start = after === null ? 0 : firstGreater(indexes, (index) => this.dataset.keyIdAt(project, index), after);
    const slice = indexes.slice(start, start + page.limit);
    const headers: Record<string, string> = { 'X-Pagination-Limit': String(page.limit) };
    const last = slice.at(-1);
    const more = start + page.limit < indexes.length;
    if (last !== undefined && (more || !this.state.switches.cursorHeaderOnlyWhenMore)) {
      headers['X-Pagination-Next-Cursor'] = encodeCursor(this.dataset.keyIdAt(project, last));
    }
    sendJson(response, 200, { ...envelope, keys: slice.map(render) }, headers);
  }

  private singleKey(project: FakeProject, child: string, response: ServerResponse): void {
    const index = this.dataset.indexOfKeyId(project, Number(child));
    if (index < 0) return sendNestedError(response, 404, 'Not Found');
    const key: FakeKey = this.dataset.key(project, index);
    sendJson(response, 200, { project_id: project.projectId, branch: 'master', key: wireKey(key, { translations: true, languageIds: null }) });
  }

  private translations(project: FakeProject, query: Query, response: ServerResponse): void {
    const page = this.pageOf(query, 5000, response);
    if (page === null) return;
    const languageId = query.get('filter_lang_id');
    const reviewed = query.get('filter_is_reviewed');
    const unverified = query.get('filter_unverified');
    const untranslated = query.get('filter_untranslated');
    const all = [...this.dataset.liveIndexes(project)]
      .flatMap((index) => this.dataset.key(project, index).translations)
      .filter(
        (translation) =>
          (languageId === null || String(translation.language.langId) === languageId) &&
          (reviewed === null || translation.isReviewed === (reviewed === '1')) &&
          (unverified === null || translation.isUnverified === (unverified === '1')) &&
          (untranslated === null || (translation.value === '') === (untranslated === '1')),
      );
    const envelope = { project_id: project.projectId, branch: 'master' };
    if (query.get('pagination') !== 'cursor') {
      const slice = all.slice((page.page - 1) * page.limit, page.page * page.limit);
      sendJson(response, 200, { ...envelope, translations: slice.map(wireTranslation) }, this.offsetHeaders(all.length, page));
      return;
    }
    const after = decodeCursor(query.get('cursor'));
    const start = after === null ? 0 : firstGreater(all, (translation) => translation.translationId, after);
    const slice = all.slice(start, start + page.limit);
    const headers: Record<string, string> = { 'X-Pagination-Limit': String(page.limit) };
    const last = slice.at(-1);
    if (last !== undefined && (start + page.limit < all.length || !this.state.switches.cursorHeaderOnlyWhenMore)) {
      headers['X-Pagination-Next-Cursor'] = encodeCursor(last.translationId);
    }
    sendJson(response, 200, { ...envelope, translations: slice.map(wireTranslation) }, headers);
  }
}

/** Binary search: the first position whose id is greater than `after`. */
function firstGreater<T>(items: readonly T[], idOf: (item: T) => number, after: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = items[middle];
    if (item !== undefined && idOf(item) <= after) low = middle + 1;
    else high = middle;
  }
  return low;
}
