/**
 * The Lokalise API v2 endpoints Locdesk reads, decoded into the domain types of `types.ts`.
 *
 * This file only names endpoints and their queries; the careful parts live next to it: `http.ts` (auth, limits,
 * retries, timeouts), `pagination.ts` (walking offset and cursor lists without loops or losses) and `wire.ts`
 * (checking and decoding the wire shapes). The sync engine codes against this class.
 */
import { LokaliseHttp, type ApiResponse, type HttpOptions, type RequestStats, type RetryWait } from './http';
import { cursorPages, cursorWalk, offsetPages, pageItems, type PageFetcher } from './pagination';
import type { KeyPageInput, LokaliseContributor, LokaliseKey, LokaliseLanguage, LokaliseProject, LokaliseTeam, LokaliseTranslation } from './types';
import { readContributor, readKey, readKeyPage, readLanguage, readProject, readTeam, readTranslation } from './wire';

/** Construction options (documented on `HttpOptions`). One client per access token: its rate limit is Lokalise's per-token limit. */
export type LokaliseClientOptions = HttpOptions;

/** Options for paging keys. */
export interface KeyPageOptions {
  /** Keys per page; Lokalise refuses more than 500. */
  readonly limit?: number;
  /** Restrict embedded translations to these language ids. */
  readonly languageIds?: readonly number[];
  /**
   * false lists the keys without their translations: about a seventh of the bytes, which is what a resync compares
   * (see sync/resync-plan.ts). Default true.
   */
  readonly translations?: boolean;
  readonly signal?: AbortSignal;
}

/** Options for paging keys by page number. */
export interface KeyOffsetPageOptions extends KeyPageOptions {
  /** Pages requested at once (default 4); the per-project limit still caps what reaches the server. */
  readonly concurrency?: number;
}

/**
 * Answers of unparsedKeyPages that may wait while the writing thread stores an earlier page. With one, the next
 * request waited whenever storing a page outlasted the server's making of the next, and the server idled meanwhile:
 * 10-21 times per 100,000-key sync against the local fake, 0.37-0.79 s in all. With two, 1-2 times and 0.08-0.36 s,
 * at the third page, while the writing thread is still starting. The cost is one more page of bytes held, about
 * 2.5 MB at 500 keys × 10 languages.
 */
const answersAheadOfWriter = 2;

/** Options for paging translations. */
export interface TranslationPageOptions {
  /** Translations per page (default 500, at most 5000). */
  readonly limit?: number;
  /** Only this language (its `lang_id`, not its ISO code). */
  readonly languageId?: number;
  readonly signal?: AbortSignal;
}

const maxKeysPerPage = 500;
/**
 * Key ids per `filter_key_ids` request: a comma list of 250 ids of ten digits keeps the URL under 3 KB, well inside
 * what servers and proxies accept, and the answer inside one page.
 */
export const keyIdsPerRequest = 250;

/** The body of `PUT /translations/{id}`: only the fields that change, so nothing else is overwritten. */
export interface TranslationWrite {
  readonly translation: string | Readonly<Record<string, string>>;
  readonly is_reviewed?: boolean;
  readonly is_unverified?: boolean;
}

/**
 * The project an endpoint belongs to (for the per-project limit) and the OAuth scope it needs (so a 403 can be told
 * apart: a scope the sign-in lacks, or a project the user may not open). Scopes per endpoint follow the API
 * reference's "Requires … OAuth access scope" notes (research/lokalise-api.md §1.7).
 */
interface EndpointTarget {
  readonly projectId?: string | undefined;
  readonly scope: string;
  /** Leave a successful answer's JSON unparsed (see RequestContext.unparsed). */
  readonly unparsed?: boolean;
}

function project(projectId: string): string {
  return encodeURIComponent(projectId);
}

function pageLimit(requested: number | undefined, fallback: number, maximum: number): string {
  const limit = requested === undefined || !Number.isFinite(requested) ? fallback : Math.floor(requested);
  return String(Math.min(maximum, Math.max(1, limit)));
}

function keyQuery(options: KeyPageOptions): Record<string, string> {
  const query: Record<string, string> = {
    limit: pageLimit(options.limit, maxKeysPerPage, maxKeysPerPage),
    include_translations: options.translations === false ? '0' : '1',
    disable_references: '1',
    filter_archived: 'include',
  };
  if (options.languageIds !== undefined && options.languageIds.length > 0) query.filter_translation_lang_ids = options.languageIds.join(',');
  return query;
}

/** Drops keys already yielded: offset pages over a list that changes underneath can repeat an entry. */
async function* uniqueKeys(pages: AsyncGenerator<unknown[]>): AsyncGenerator<LokaliseKey[]> {
  const seen = new Set<number>();
  for await (const page of pages) {
    const keys = page.map(readKey).filter((key) => !seen.has(key.keyId));
    for (const key of keys) seen.add(key.keyId);
    if (keys.length > 0) yield keys;
  }
}

/**
 * Answers shorter than this (in bytes) are parsed where they arrive, to tell an empty page (the end of a list) at
 * once; a page holding any key of the project is far longer.
 */
const parsedBelowBytes = 4096;

const utf8 = new TextDecoder();

/**
 * A key page's answer as the sync hands it on: its bytes when the body was left unparsed, else (a short answer, or
 * one the verdict had to parse) its keys; null for an empty page.
 */
function keyPageOf(response: ApiResponse, what: string): KeyPageInput | null {
  if (response.body instanceof Uint8Array && response.body.byteLength >= parsedBelowBytes) return { unparsed: response.body, what };
  const body = response.body instanceof Uint8Array ? { ...response, body: JSON.parse(utf8.decode(response.body)) as unknown } : response;
  const keys = pageItems(body, 'keys', what).map(readKey);
  return keys.length === 0 ? null : keys;
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

  /** A retry wait under way ("rate limited, retrying at T"), or null; read by the sync engine for its progress. */
  public get retryWait(): RetryWait | null {
    return this.http.retryWait;
  }

  /** Subscribes to retry waits starting and ending, so progress can say so while no page arrives. */
  public onRetryWait(listener: (wait: RetryWait | null) => void): () => void {
    return this.http.onRetryWait(listener);
  }

  /** Every project the user can see, with statistics. */
  public async listProjects(signal?: AbortSignal): Promise<LokaliseProject[]> {
    const pages = await this.offsetList('projects', { include_statistics: '1', include_settings: '0', limit: '100' }, 'projects', 'your projects', { scope: 'read_projects' }, signal);
    return pages.map(readProject);
  }

  /** One project, with statistics. */
  public async getProject(projectId: string, signal?: AbortSignal): Promise<LokaliseProject> {
    const response = await this.http.get(`projects/${project(projectId)}`, { include_statistics: '1', include_settings: '0' }, { what: 'the project', projectId, scope: 'read_projects', signal });
    return readProject(response.body);
  }

  /** The project's languages with their plural forms. */
  public async listLanguages(projectId: string, signal?: AbortSignal): Promise<LokaliseLanguage[]> {
    const all = await this.offsetList(`projects/${project(projectId)}/languages`, { limit: '500' }, 'languages', 'the project languages', { projectId, scope: 'read_languages' }, signal);
    return all.map(readLanguage);
  }

  /** The user's teams. */
  public async listTeams(signal?: AbortSignal): Promise<LokaliseTeam[]> {
    const all = await this.offsetList('teams', { limit: '100' }, 'teams', 'your teams', { scope: 'read_team_users' }, signal);
    return all.map(readTeam);
  }

  /** Who is signed in, as a contributor of `projectId`. */
  public async currentContributor(projectId: string, signal?: AbortSignal): Promise<LokaliseContributor> {
    const response = await this.http.get(`projects/${project(projectId)}/contributors/me`, {}, { what: 'your profile', projectId, scope: 'read_contributors', signal });
    return readContributor(response.body);
  }

  /**
   * Writes one translation (`PUT /translations/{id}`) and answers it as the server now holds it. `translation` is
   * the text, or for a plural key its forms as an object or as their JSON string (see the push engine's fallback).
   */
  public async updateTranslation(projectId: string, translationId: number, body: TranslationWrite, isPlural: boolean, signal?: AbortSignal): Promise<LokaliseTranslation> {
    const response = await this.http.put(`projects/${project(projectId)}/translations/${translationId}`, body, { what: 'your edit', projectId, scope: 'write_translations', signal });
    const answer = response.body as { translation?: unknown } | null;
    return readTranslation(answer?.translation, isPlural);
  }

  /**
   * Every key (archived included) with its translations, one cursor page at a time so memory stays bounded. The
   * preferred way to read keys: keyset paging cannot skip or repeat keys while the project changes.
   */
  public keyPages(projectId: string, options: KeyPageOptions = {}): AsyncGenerator<LokaliseKey[]> {
    const query = { ...keyQuery(options), pagination: 'cursor' };
    const pages = cursorPages(this.pageFetcher(`projects/${project(projectId)}/keys`, query, 'the keys', { projectId, scope: 'read_keys' }), 'keys', 'the keys', options.signal);
    return mapPages(pages, readKey);
  }

  /**
   * keyPages with each page's JSON left unparsed (see UnparsedKeyPage), for a caller that hands pages to the library's
   * writing thread: main then never parses a page of keys. Short pages come parsed; an empty one ends the walk.
   * Up to `answersAheadOfWriter` answers wait while the caller stores a page.
   */
  public unparsedKeyPages(projectId: string, options: KeyPageOptions = {}): AsyncGenerator<KeyPageInput> {
    const query = { ...keyQuery(options), pagination: 'cursor' };
    const fetchPage = this.pageFetcher(`projects/${project(projectId)}/keys`, query, 'the keys', { projectId, scope: 'read_keys', unparsed: true });
    return cursorWalk(fetchPage, (response) => keyPageOf(response, 'the keys'), options.signal, answersAheadOfWriter);
  }

  /**
   * Every key by page number, with up to `concurrency` pages in flight: faster on a slow link, but a project edited
   * during the walk can shift keys across pages, so repeats are dropped here and a rare miss is possible.
   */
  public keyPagesByOffset(projectId: string, options: KeyOffsetPageOptions = {}): AsyncGenerator<LokaliseKey[]> {
    const fetchPage = this.pageFetcher(`projects/${project(projectId)}/keys`, keyQuery(options), 'the keys', { projectId, scope: 'read_keys' });
    const concurrency = options.concurrency ?? 4;
    return uniqueKeys(offsetPages(fetchPage, 'keys', 'the keys', { concurrency, ...(options.signal === undefined ? {} : { signal: options.signal }) }));
  }

  /**
   * The keys `keyIds` (archived included) with their translations, one request per `keyIdsPerRequest` ids, the next
   * request already out while the caller stores the answer to the last. A key deleted meanwhile is simply absent.
   */
  public async *keysByIds(projectId: string, keyIds: readonly number[], signal?: AbortSignal): AsyncGenerator<LokaliseKey[]> {
    for await (const page of this.unparsedKeysByIds(projectId, keyIds, signal, false)) yield [...readKeyPage(page)];
  }

  /**
   * keysByIds with each page's JSON left unparsed (see UnparsedKeyPage) when `unparsed`, for the library's writing
   * thread to parse. A batch whose keys were all deleted meanwhile yields no page.
   */
  public async *unparsedKeysByIds(projectId: string, keyIds: readonly number[], signal?: AbortSignal, unparsed = true): AsyncGenerator<KeyPageInput> {
    const fetchPage = this.pageFetcher(`projects/${project(projectId)}/keys`, keyQuery({}), 'the changed keys', { projectId, scope: 'read_keys', unparsed });
    const walk = new AbortController();
    const walkSignal = signal === undefined ? walk.signal : AbortSignal.any([signal, walk.signal]);
    const batches: number[][] = [];
    for (let start = 0; start < keyIds.length; start += keyIdsPerRequest) batches.push(keyIds.slice(start, start + keyIdsPerRequest));
    const request = (batch: readonly number[]): Promise<KeyPageInput | null> =>
      fetchPage({ filter_key_ids: batch.join(','), page: '1' }, walkSignal).then((response) => keyPageOf(response, 'the changed keys'));
    let next = batches[0] === undefined ? null : request(batches[0]);
    try {
      for (let index = 0; next !== null; index += 1) {
        const current = next;
        const following = batches[index + 1];
        next = following === undefined ? null : request(following);
        next?.catch(() => undefined);
        const page = await current;
        if (page !== null) yield page;
      }
    } finally {
      walk.abort();
    }
  }

  /** Every translation of the project, a cursor page at a time. Plural values stay raw: this endpoint does not say which keys are plural. */
  public translationPages(projectId: string, options: TranslationPageOptions = {}): AsyncGenerator<LokaliseTranslation[]> {
    const query: Record<string, string> = { pagination: 'cursor', limit: pageLimit(options.limit, 500, 5000), disable_references: '1' };
    if (options.languageId !== undefined) query.filter_lang_id = String(options.languageId);
    const fetchPage = this.pageFetcher(`projects/${project(projectId)}/translations`, query, 'the translations', { projectId, scope: 'read_translations' });
    return mapPages(cursorPages(fetchPage, 'translations', 'the translations', options.signal), (entry) => readTranslation(entry, false));
  }

  private pageFetcher(path: string, query: Readonly<Record<string, string>>, what: string, target: EndpointTarget): PageFetcher {
    return (extraQuery, signal, onHeaders) => this.http.get(path, { ...query, ...extraQuery }, { what, signal, projectId: target.projectId, scope: target.scope, onHeaders, unparsed: target.unparsed });
  }

  private async offsetList(path: string, query: Readonly<Record<string, string>>, field: string, what: string, target: EndpointTarget, signal: AbortSignal | undefined): Promise<unknown[]> {
    const all: unknown[] = [];
    const pages = offsetPages(this.pageFetcher(path, query, what, target), field, what, signal === undefined ? {} : { signal });
    for await (const page of pages) all.push(...page);
    return all;
  }
}

async function* mapPages<T>(pages: AsyncGenerator<unknown[]>, read: (entry: unknown) => T): AsyncGenerator<T[]> {
  for await (const page of pages) yield page.map(read);
}
