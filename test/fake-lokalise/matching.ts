/**
 * Applies the keys and translations list filters to the generated data.
 *
 * Results are positions in generation order (which is ascending id order), kept in typed arrays and cached per
 * filter combination: a 100,000-key × 10-language project needs one pass of cheap flag checks per filter
 * combination (a few megabytes at most), after which every page, offset or cursor, is a slice plus a binary search.
 * Nothing is rendered until a page is served.
 */
import type { Dataset, FakeProject } from './dataset';

function flag(query: URLSearchParams, name: string): boolean | null {
  const value = query.get(name);
  return value === null || value === '' ? null : value === '1' || value === 'true';
}

function list(query: URLSearchParams, name: string): string[] {
  return (query.get(name) ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** Grows a Uint32Array as matches arrive, so a million matches cost 4 MB rather than a JS array of numbers. */
class Collector {
  private buffer: Uint32Array;
  private length = 0;

  public constructor(capacity: number) {
    this.buffer = new Uint32Array(Math.max(16, capacity));
  }

  public push(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint32Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length] = value;
    this.length += 1;
  }

  public result(): Uint32Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Filters with a cache that the server clears whenever the data changes. */
export class Matcher {
  private readonly cache = new Map<string, Uint32Array>();

  public constructor(private readonly dataset: Dataset) {}

  /** Forgets cached results after the data changed. */
  public invalidate(): void {
    this.cache.clear();
  }

  /**
   * Key indexes matching `filter_archived` (default `exclude`), `filter_key_ids`, `filter_keys` (any platform name),
   * `filter_tags`, `filter_platforms` and `filter_untranslated`, ascending.
   */
  public keyIndexes(project: FakeProject, query: URLSearchParams): Uint32Array {
    const archived = query.get('filter_archived') ?? 'exclude';
    const names = new Set(list(query, 'filter_keys'));
    const ids = new Set(list(query, 'filter_key_ids').map(Number));
    const tags = list(query, 'filter_tags');
    const platforms = list(query, 'filter_platforms');
    const untranslated = flag(query, 'filter_untranslated') === true;
    const signature = JSON.stringify(['keys', project.projectId, archived, [...names], [...ids], tags, platforms, untranslated]);
    return this.cached(signature, () => {
      const matches = new Collector(project.keyCount);
      const needsKey = names.size > 0 || tags.length > 0 || platforms.length > 0;
      for (const index of this.dataset.liveIndexes(project)) {
        const isArchived = this.dataset.flags(project, index).isArchived;
        if ((archived === 'exclude' && isArchived) || (archived === 'only' && !isArchived)) continue;
        if (ids.size > 0 && !ids.has(this.dataset.keyIdAt(project, index))) continue;
        if (untranslated && !project.languages.some((_, position) => this.dataset.isUntranslated(project, index, position))) continue;
        if (needsKey) {
          const key = this.dataset.key(project, index);
          if (names.size > 0 && !Object.values(key.keyNames).some((name) => names.has(name))) continue;
          if (tags.length > 0 && !key.tags.some((tag) => tags.includes(tag))) continue;
          if (platforms.length > 0 && !key.platforms.some((platform) => platforms.includes(platform))) continue;
        }
        matches.push(index);
      }
      return matches.result();
    });
  }

  /**
   * Translation codes (see `Dataset.translationCode`) matching `filter_lang_id`, `filter_is_reviewed`,
   * `filter_unverified` and `filter_untranslated`, in ascending translation id order.
   */
  public translationCodes(project: FakeProject, query: URLSearchParams): Uint32Array {
    const languageId = query.get('filter_lang_id');
    const reviewed = flag(query, 'filter_is_reviewed');
    const unverified = flag(query, 'filter_unverified');
    const untranslated = flag(query, 'filter_untranslated');
    const signature = JSON.stringify(['translations', project.projectId, languageId, reviewed, unverified, untranslated]);
    return this.cached(signature, () => {
      const positions = project.languages.flatMap((language, position) => (languageId === null || String(language.langId) === languageId ? [position] : []));
      const needsStatus = reviewed !== null || unverified !== null || untranslated !== null;
      const matches = new Collector(this.dataset.liveKeyCount(project) * positions.length);
      for (const index of this.dataset.liveIndexes(project)) {
        for (const position of positions) {
          if (needsStatus) {
            const status = this.dataset.translationStatus(project, index, position);
            if (reviewed !== null && status.isReviewed !== reviewed) continue;
            if (unverified !== null && status.isUnverified !== unverified) continue;
            if (untranslated !== null && status.isUntranslated !== untranslated) continue;
          }
          matches.push(this.dataset.translationCode(index, position));
        }
      }
      return matches.result();
    });
  }

  private cached(signature: string, compute: () => Uint32Array): Uint32Array {
    const hit = this.cache.get(signature);
    if (hit !== undefined) return hit;
    const result = compute();
    if (this.cache.size >= 32) this.cache.clear();
    this.cache.set(signature, result);
    return result;
  }
}
