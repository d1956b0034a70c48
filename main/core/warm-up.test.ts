/**
 * The start-up warm-up reads the first screen of the project a translator most likely opens, through the contract,
 * and never fails the core: a closed core stops it, a failing call is logged.
 */
import { describe, expect, it } from 'vitest';
import type { CoreApi, KeyQuery, KeyRow, Language, ProjectSummary } from '../../common/contract';
import type { Logger } from './log';
import { checkTranslation } from '../../common/qa';
import { projectToWarm, warmReadPath, warmUpSearch, warmUpTranslation } from './warm-up';

const language = (iso: string): Language => ({ langId: iso.length, iso, name: iso, isRtl: false, pluralForms: ['other'], progress: 50 });

function makeProject(overrides: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    projectId: '100.abc',
    name: 'Acme',
    description: '',
    baseLanguageIso: 'en',
    teamId: 1,
    teamName: 'Acme',
    keysTotal: 500,
    languageCount: 5,
    progressPercent: 50,
    languages: ['en', 'de', 'ar', 'ja', 'fr'].map(language),
    keepOffline: true,
    access: 'ok',
    sync: sync(500),
    ...overrides,
  };
}

const sync = (keyCount: number): ProjectSummary['sync'] => ({ status: 'ok', lastSyncedAt: 1, durationMs: 1, keyCount, translationCount: keyCount, lastError: null });

function recordingApi(projects: ProjectSummary[], page: (query: KeyQuery) => unknown = syntheticKeysWithCursor): { api: CoreApi; queries: KeyQuery[]; details: [string, number][] } {
  const queries: KeyQuery[] = [];
  const details: [string, number][] = [];
  const api = {
    projects: { list: () => Promise.resolve(projects) },
    keys: {
      page: (query: KeyQuery) => {
        queries.push(query);
        return Promise.resolve(page(query));
      },
      detail: (projectId: string, keyId: number) => {
        details.push([projectId, keyId]);
        return Promise.resolve(null);
      },
    },
  } as unknown as CoreApi;
  return { api, queries, details };
}

/** A page of a 500-key project with empty rows, ending with the cursor the store would answer. */
function syntheticKeysWithCursor(query: KeyQuery): unknown {
  const items: KeyRow[] = [];
  const end = Math.min(500, query.offset + query.limit);
  for (let index = query.offset; index < end; index += 1) {
    items.push({ keyId: index + 1, name: `key.${String(index)}`, description: '', isPlural: false, isArchived: false, isHidden: false, tags: [], platforms: [], charLimit: 0, modifiedAt: null, translations: [] });
  }
  return { total: 500, offset: query.offset, items, cursor: { generation: 1, offset: end - 1, position: end, total: 500 } };
}

function recordingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const ignore = (): void => undefined;
  return { logger: { debug: ignore, info: ignore, warn: (message) => warnings.push(message), error: ignore }, warnings };
}

describe('projectToWarm', () => {
  it('picks the largest project kept offline, else the largest synced one, else none', () => {
    const small = makeProject({ projectId: 's', keepOffline: true, sync: sync(10) });
    const large = makeProject({ projectId: 'l', keepOffline: false, sync: sync(1000) });
    const middle = makeProject({ projectId: 'm', keepOffline: true, sync: sync(100) });
    expect(projectToWarm([small, large, middle])?.projectId).toBe('m');
    expect(projectToWarm([large, { ...middle, keepOffline: false }])?.projectId).toBe('l');
    expect(projectToWarm([makeProject({ sync: sync(0) })])).toBeNull();
  });
});

describe('warmReadPath', () => {
  it('reads a first page with up to three targets besides the source, its first key in full, then the next page by its cursor', async () => {
    const project = makeProject();
    const { api, queries, details } = recordingApi([project]);
    await warmReadPath(api, () => false, recordingLogger().logger);
    expect(details).toEqual([[project.projectId, 1]]);
    expect(queries).toHaveLength(3);
    expect(queries[0]).toMatchObject({ sourceIso: 'en', targetIsos: ['de', 'ar', 'ja'], offset: 0, limit: 50, search: '' });
    expect(queries[0]?.after ?? null).toBeNull();
    expect(queries[1]).toMatchObject({ offset: 50, after: { position: 50, total: 500 } });
    // Last, a search of its own, which finds nothing a translator would look for; with a letter beyond ASCII, so it
    // takes the tokenizer's way through SQLite that searches in other scripts take.
    expect(queries[2]).toMatchObject({ offset: 0, search: warmUpSearch });
    expect(warmUpSearch).toMatch(/[^\p{ASCII}]/u);
  });

  it('checks a made-up translation that reaches the checks with one-time costs (a character counting as several)', () => {
    const issues = checkTranslation(warmUpTranslation('en', 'ja'));
    expect(issues.map((issue) => issue.checkId)).toContain('charLimit');
    expect(issues.find((issue) => issue.checkId === 'charLimit')?.message).toMatch(/counts as \d+ characters/);
  });

  it('stops between steps once the core is closed', async () => {
    let closed = false;
    const { api, queries, details } = recordingApi([makeProject()], (query) => {
      closed = true;
      return syntheticKeysWithCursor(query);
    });
    await warmReadPath(api, () => closed, recordingLogger().logger);
    expect(queries).toHaveLength(1);
    expect(details).toEqual([]);
  });

  it('logs a failure instead of throwing, and reads nothing from an empty library', async () => {
    const { api } = recordingApi([makeProject()], () => {
      throw new Error('disk on fire');
    });
    const { logger, warnings } = recordingLogger();
    await expect(warmReadPath(api, () => false, logger)).resolves.toBeUndefined();
    // The core's own dispatch turns a failing call into an error envelope; the warm-up just stops there.
    expect(warnings).toEqual([]);
    const empty = recordingApi([]);
    await warmReadPath(empty.api, () => false, logger);
    expect(empty.queries).toEqual([]);
    const broken = { projects: { list: () => Promise.reject(new Error('no library')) } } as unknown as CoreApi;
    await expect(warmReadPath(broken, () => false, logger)).resolves.toBeUndefined();
  });
});
