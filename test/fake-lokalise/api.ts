/**
 * The fake's API v2 routes under `/api2/`: projects, languages, keys, translations, teams and contributors/me,
 * with offset and cursor pagination as Lokalise serves them (including the cursor sent on the last non-empty page).
 */
import type { ServerResponse } from 'node:http';
import type { Dataset, FakeKey, FakeProject, FakeTranslation } from './dataset';
import { sendFlatError, sendJson, sendNestedError } from './http';
import { Matcher } from './matching';
import { cursorHeaders, decodeCursor, firstAfter, offsetHeaders, readPage } from './pagination';
import type { FakeState } from './state';
import { wireContributor, wireKey, wireLanguage, wireProject, wireTeam, wireTranslation } from './wire';

export { decodeCursor, encodeCursor } from './pagination';

type Query = URLSearchParams;

function flag(query: Query, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  return value === null ? fallback : value === '1' || value === 'true';
}

function list(query: Query, name: string): string[] {
  return (query.get(name) ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** Serves the API half of the fake. */
export class ApiRoutes {
  private readonly matcher: Matcher;

  public constructor(
    private readonly dataset: Dataset,
    private readonly state: FakeState,
    private readonly revoked: Set<string>,
  ) {
    this.matcher = new Matcher(dataset);
  }

  /** Forgets cached filter results after the data changed. */
  public invalidate(): void {
    this.matcher.invalidate();
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
    const [first, id, area, child, extra] = segments;
    if (extra !== undefined) return sendFlatError(response, 404, 'Not Found');
    if (first === 'teams') {
      if (area !== undefined) return sendFlatError(response, 404, 'Not Found');
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
    if (area === 'contributors' && child === 'me') return sendJson(response, 200, wireContributor(project, this.state.switches.writes.contributor));
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
    const page = readPage(query, 5000, response);
    if (page === null) return;
    const slice = visible.slice((page.page - 1) * page.limit, page.page * page.limit);
    sendJson(response, 200, { projects: slice.map((project) => wireProject(this.dataset, project, options)) }, offsetHeaders(visible.length, page));
  }

  private paged(response: ServerResponse, query: Query, items: readonly object[], name: string, envelope: object): void {
    const page = readPage(query, 5000, response);
    if (page === null) return;
    const slice = items.slice((page.page - 1) * page.limit, page.page * page.limit);
    sendJson(response, 200, { ...envelope, [name]: slice }, offsetHeaders(items.length, page));
  }

  private keys(project: FakeProject, query: Query, response: ServerResponse): void {
    const page = readPage(query, 500, response);
    if (page === null) return;
    const languageIds = list(query, 'filter_translation_lang_ids').map(Number);
    const options = {
      translations: flag(query, 'include_translations', false),
      comments: flag(query, 'include_comments', false),
      screenshots: flag(query, 'include_screenshots', false),
      languageIds: languageIds.length > 0 ? new Set(languageIds) : null,
    };
    const envelope = { project_id: project.projectId, branch: 'master' };
    const indexes = this.matcher.keyIndexes(project, query);
    const render = (index: number): object => wireKey(this.dataset.key(project, index), options);
    if (query.get('pagination') !== 'cursor') {
      const slice = [...indexes.subarray((page.page - 1) * page.limit, page.page * page.limit)];
      sendJson(response, 200, { ...envelope, keys: slice.map(render) }, offsetHeaders(indexes.length, page));
      return;
    }
    const idAt = (position: number): number => this.dataset.keyIdAt(project, indexes[position] ?? 0);
    const start = firstAfter(indexes.length, idAt, decodeCursor(query.get('cursor')));
    const slice = [...indexes.subarray(start, start + page.limit)];
    const previous = indexes[start - 1];
    if (this.state.switches.repeatKeyAcrossCursorPages && previous !== undefined && slice.length > 0) slice.unshift(previous);
    const last = slice.at(-1);
    const headers = cursorHeaders(page.limit, last === undefined ? null : this.dataset.keyIdAt(project, last), start + page.limit < indexes.length, this.state.switches.cursorHeaderOnlyWhenMore);
    sendJson(response, 200, { ...envelope, keys: slice.map(render) }, headers);
  }

  private singleKey(project: FakeProject, child: string, response: ServerResponse): void {
    const index = this.dataset.indexOfKeyId(project, Number(child));
    if (index < 0) return sendNestedError(response, 404, 'Not Found');
    const key: FakeKey = this.dataset.key(project, index);
    const options = { translations: true, comments: true, screenshots: true, languageIds: null };
    sendJson(response, 200, { project_id: project.projectId, branch: 'master', key: wireKey(key, options) });
  }

  private translations(project: FakeProject, query: Query, response: ServerResponse): void {
    const page = readPage(query, 5000, response);
    if (page === null) return;
    const codes = this.matcher.translationCodes(project, query);
    const envelope = { project_id: project.projectId, branch: 'master' };
    const idOf = (code: number): number => {
      const { index, languagePosition } = this.dataset.fromTranslationCode(code);
      return this.dataset.translationIdAt(project, index, languagePosition);
    };
    if (query.get('pagination') !== 'cursor') {
      const slice = codes.subarray((page.page - 1) * page.limit, page.page * page.limit);
      sendJson(response, 200, { ...envelope, translations: this.renderTranslations(project, slice) }, offsetHeaders(codes.length, page));
      return;
    }
    const start = firstAfter(codes.length, (position) => idOf(codes[position] ?? 0), decodeCursor(query.get('cursor')));
    const slice = codes.subarray(start, start + page.limit);
    const last = slice.at(-1);
    const headers = cursorHeaders(page.limit, last === undefined ? null : idOf(last), start + page.limit < codes.length, this.state.switches.cursorHeaderOnlyWhenMore);
    sendJson(response, 200, { ...envelope, translations: this.renderTranslations(project, slice) }, headers);
  }

  /** Renders translations by code, generating each key once even when several of its languages are on the page. */
  private renderTranslations(project: FakeProject, codes: Uint32Array): object[] {
    let currentIndex = -1;
    let currentTranslations: readonly FakeTranslation[] = [];
    const rendered: object[] = [];
    for (const code of codes) {
      const { index, languagePosition } = this.dataset.fromTranslationCode(code);
      if (index !== currentIndex) {
        currentIndex = index;
        currentTranslations = this.dataset.key(project, index).translations;
      }
      const translation = currentTranslations[languagePosition];
      if (translation !== undefined) rendered.push(wireTranslation(translation));
    }
    return rendered;
  }
}
