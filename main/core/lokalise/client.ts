/**
 * The Lokalise API v2 endpoints Locdesk reads, with both pagination styles done right.
 *
 * Offset lists follow the `X-Pagination-*` headers. Cursor lists (keys, translations) stop on an empty page, a
 * missing cursor or a cursor that repeats: the real API sends a next cursor even on the last non-empty page, and
 * clients that trusted it have looped or lost data. Cursor pages are prefetched one ahead, so the caller's work on
 * page k overlaps the download of page k+1.
 */
import type { TokenSource } from '../auth/token-source';
import type { Logger } from '../log';
import type { FetchFunction } from '../ports';
import { LokaliseHttp, type ApiResponse, type RequestStats } from './http';
import type { LokaliseContributor, LokaliseKey, LokaliseLanguage, LokaliseProject, LokaliseTeam, LokaliseTranslation } from './types';
import { readContributor, readKey, readLanguage, readProject, readTeam, readTranslation, WireReader } from './wire';

/** Construction options; see `HttpOptions` for the limits. */
export interface LokaliseClientOptions {
  readonly apiUrl: string;
  readonly fetch: FetchFunction;
  readonly tokens: TokenSource;
  readonly requestsPerSecond?: number;
  readonly maxConcurrentPerProject?: number;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly logger?: Logger;
  readonly random?: () => number;
  readonly sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
}

/** Options for paging keys. */
export interface KeyPageOptions {
  readonly limit?: number;
  /** Restrict embedded translations to these language ids. */
  readonly languageIds?: readonly number[];
  readonly signal?: AbortSignal;
}

const listReader = new WireReader('a list');

function items(response: ApiResponse, field: string): unknown[] {
  return listReader.array(listReader.object(response.body, 'body')[field], field);
}

function project(projectId: string): string {
  return encodeURIComponent(projectId);
}

/** Reads projects, languages, keys and translations for the signed-in user. */
export class LokaliseClient {
  private readonly http: LokaliseHttp;

  public constructor(options: LokaliseClientOptions) {
    this.http = new LokaliseHttp(options);
  }

  /** Request counters, read by the sync engine for its progress events. */
  public get stats(): RequestStats {
    return this.http.stats;
  }

  /** Every project the user can see, with statistics. */
  public async listProjects(signal?: AbortSignal): Promise<LokaliseProject[]> {
    const pages = await this.offsetList('projects', { include_statistics: '1', include_settings: '0', limit: '100' }, 'projects', 'your projects', undefined, signal);
    return pages.map(readProject);
  }

  /** One project, with statistics. */
  public async getProject(projectId: string, signal?: AbortSignal): Promise<LokaliseProject> {
    const response = await this.http.get(`projects/${project(projectId)}`, { include_statistics: '1', include_settings: '0' }, { what: 'the project', projectId, ...(signal === undefined ? {} : { signal }) });
    return readProject(response.body);
  }

  /** The project's languages with their plural forms. */
  public async listLanguages(projectId: string, signal?: AbortSignal): Promise<LokaliseLanguage[]> {
    const all = await this.offsetList(`projects/${project(projectId)}/languages`, { limit: '500' }, 'languages', 'the project languages', projectId, signal);
    return all.map(readLanguage);
  }

  /** The user's teams. */
  public async listTeams(signal?: AbortSignal): Promise<LokaliseTeam[]> {
    const all = await this.offsetList('teams', { limit: '100' }, 'teams', 'your teams', undefined, signal);
    return all.map(readTeam);
  }

  /** Who is signed in, as a contributor of `projectId`. */
  public async currentContributor(projectId: string, signal?: AbortSignal): Promise<LokaliseContributor> {
    const response = await this.http.get(`projects/${project(projectId)}/contributors/me`, {}, { what: 'your profile', projectId, ...(signal === undefined ? {} : { signal }) });
    return readContributor(response.body);
  }

  /** Every key (archived included) with translations, a cursor page at a time. */
  public keyPages(projectId: string, options: KeyPageOptions = {}): AsyncGenerator<LokaliseKey[]> {
    const query: Record<string, string> = {
      pagination: 'cursor',
      limit: String(Math.min(500, options.limit ?? 500)),
      include_translations: '1',
      disable_references: '1',
      filter_archived: 'include',
    };
    if (options.languageIds !== undefined && options.languageIds.length > 0) query.filter_translation_lang_ids = options.languageIds.join(',');
    return this.cursorPages(`projects/${project(projectId)}/keys`, query, 'keys', 'the keys', projectId, options.signal, (entry) => readKey(entry));
  }

  /** Every translation of the project, a cursor page at a time. Plural values stay raw: this endpoint does not say which keys are plural. */
  public translationPages(projectId: string, options: { limit?: number; signal?: AbortSignal } = {}): AsyncGenerator<LokaliseTranslation[]> {
    const query = { pagination: 'cursor', limit: String(Math.min(5000, options.limit ?? 500)), disable_references: '1' };
    return this.cursorPages(`projects/${project(projectId)}/translations`, query, 'translations', 'the translations', projectId, options.signal, (entry) => readTranslation(entry, false));
  }

  private async offsetList(path: string, query: Record<string, string>, field: string, what: string, projectId: string | undefined, signal: AbortSignal | undefined): Promise<unknown[]> {
    const all: unknown[] = [];
    for (let page = 1; ; page += 1) {
      const response = await this.http.get(path, { ...query, page: String(page) }, { what, ...(projectId === undefined ? {} : { projectId }), ...(signal === undefined ? {} : { signal }) });
      const entries = items(response, field);
      all.push(...entries);
      const pageCount = Number(response.headers.get('x-pagination-page-count') ?? '1');
      if (entries.length === 0 || !Number.isFinite(pageCount) || page >= pageCount) return all;
    }
  }

  private async *cursorPages<T>(
    path: string,
    query: Record<string, string>,
    field: string,
    what: string,
    projectId: string,
    signal: AbortSignal | undefined,
    read: (entry: unknown) => T,
  ): AsyncGenerator<T[]> {
    const context = { what, projectId, ...(signal === undefined ? {} : { signal }) };
    const seen = new Set<string>();
    let pending: Promise<ApiResponse> | null = this.http.get(path, query, context);
    while (pending !== null) {
      const response: ApiResponse = await pending;
      pending = null;
      const entries = items(response, field);
      if (entries.length === 0) return;
      const cursor = response.headers.get('x-pagination-next-cursor');
      if (cursor !== null && cursor !== '' && !seen.has(cursor)) {
        seen.add(cursor);
        pending = this.http.get(path, { ...query, cursor }, context);
        pending.catch(() => undefined);
      }
      yield entries.map(read);
    }
  }
}
