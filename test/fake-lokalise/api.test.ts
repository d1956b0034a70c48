import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor } from './api';
import { startFakeLokalise, type FakeLokalise } from './server';

let fake: FakeLokalise;
let headers: Record<string, string>;
let projectId: string;

beforeAll(async () => {
  fake = await startFakeLokalise({ projects: 2, keysPerProject: 1234, languages: 6, seed: 3 });
  headers = { Authorization: `Bearer ${fake.issueTokens().accessToken}` };
  projectId = fake.dataset.projects[0]?.projectId ?? '';
});
afterAll(async () => {
  await fake.close();
});

function get(path: string): Promise<Response> {
  return fetch(`${fake.apiUrl}${path}`, { headers });
}

interface WireKey {
  key_id: number;
  is_plural: boolean;
  is_archived: boolean;
  translations?: { translation: string; language_iso: string; translation_id: number }[];
}

describe('fake Lokalise API', () => {
  it('lists projects with offset headers, statistics and escaped slashes', async () => {
    const response = await get('projects?limit=1&page=2');
    expect(response.headers.get('x-pagination-total-count')).toBe('2');
    expect(response.headers.get('x-pagination-page-count')).toBe('2');
    expect(response.headers.get('x-pagination-limit')).toBe('1');
    expect(response.headers.get('x-pagination-page')).toBe('2');
    expect(response.headers.get('x-lokalise-process-id')).toMatch(/^[0-9a-f-]{36}$/);
    const text = await response.text();
    expect(text).toMatch(/"created_at":"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(Etc\\\/UTC\)"/);
    const body = JSON.parse(text) as { projects: { statistics: { languages: unknown[] } }[] };
    expect(body.projects).toHaveLength(1);
    expect(body.projects[0]?.statistics.languages).toHaveLength(6);
  });

  it('returns a single project as a bare object and 404 with the nested shape for an unknown one', async () => {
    const project = (await (await get(`projects/${projectId}`)).json()) as { project_id: string };
    expect(project.project_id).toBe(projectId);
    const missing = await get('projects/0000.00000000');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('{"error":{"message":"Not Found","code":404}}');
    const badPath = await get('nothing-here');
    expect(await badPath.text()).toBe('{"message":"Not Found","code":404}');
  });

  it('lists languages with RTL and plural forms', async () => {
    const body = (await (await get(`projects/${projectId}/languages`)).json()) as { languages: { lang_iso: string; is_rtl: boolean; plural_forms: string[] }[] };
    const arabic = body.languages.find((language) => language.lang_iso === 'ar');
    expect(arabic).toMatchObject({ is_rtl: true, plural_forms: ['zero', 'one', 'two', 'few', 'many', 'other'] });
    expect(body.languages.map((language) => language.lang_iso)).toEqual(['en', 'ar', 'ja', 'zh_CN', 'de', 'fr']);
  });

  it('refuses a keys limit above 500', async () => {
    expect((await get(`projects/${projectId}/keys?limit=501`)).status).toBe(400);
  });

  it('cursor pagination sends the cursor on the last non-empty page, then an empty page without it; every key exactly once', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let lastNonEmptyHadCursor = false;
    for (;;) {
      const query: string = `pagination=cursor&limit=500&filter_archived=include${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const response = await get(`projects/${projectId}/keys?${query}`);
      expect(response.headers.get('x-pagination-total-count')).toBeNull();
      const body = (await response.json()) as { keys: WireKey[] };
      const next = response.headers.get('x-pagination-next-cursor');
      pages += 1;
      if (body.keys.length === 0) {
        expect(next).toBeNull();
        break;
      }
      lastNonEmptyHadCursor = next !== null;
      expect(decodeCursor(next)).toBe(body.keys.at(-1)?.key_id);
      seen.push(...body.keys.map((key) => key.key_id));
      cursor = next;
    }
    expect(lastNonEmptyHadCursor).toBe(true);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(1234);
    expect(new Set(seen).size).toBe(1234);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('can send the cursor only when more pages exist', async () => {
    fake.switches.cursorHeaderOnlyWhenMore = true;
    const response = await get(`projects/${projectId}/keys?pagination=cursor&limit=500&filter_archived=include&cursor=${encodeURIComponent(Buffer.from(JSON.stringify({ 1: fake.dataset.keyIdAt(fake.dataset.projects[0]!, 999) })).toString('base64'))}`);
    const body = (await response.json()) as { keys: WireKey[] };
    expect(body.keys).toHaveLength(234);
    expect(response.headers.get('x-pagination-next-cursor')).toBeNull();
    fake.switches.cursorHeaderOnlyWhenMore = false;
  });

  it('excludes archived keys by default and includes translations on request, plurals as JSON strings', async () => {
    const all = (await (await get(`projects/${projectId}/keys?limit=500&filter_archived=include&include_translations=1`)).json()) as { keys: WireKey[] };
    const excluded = (await (await get(`projects/${projectId}/keys?limit=500`)).json()) as { keys: WireKey[] };
    expect(all.keys.some((key) => key.is_archived)).toBe(true);
    expect(excluded.keys.some((key) => key.is_archived)).toBe(false);
    expect(excluded.keys[0]?.translations).toBeUndefined();
    const plural = all.keys.find((key) => key.is_plural && key.translations?.some((translation) => translation.translation !== ''));
    const value = plural?.translations?.find((translation) => translation.language_iso === 'en')?.translation ?? '';
    expect(typeof value).toBe('string');
    expect(Object.keys(JSON.parse(value) as object)).toEqual(['one', 'other']);
  });

  it('restricts embedded translations by language id and filters by untranslated', async () => {
    const japanese = fake.dataset.projects[0]?.languages.find((language) => language.iso === 'ja')?.langId ?? 0;
    const body = (await (await get(`projects/${projectId}/keys?limit=50&include_translations=1&filter_translation_lang_ids=${japanese}`)).json()) as { keys: WireKey[] };
    expect(body.keys.every((key) => key.translations?.length === 1 && key.translations[0]?.language_iso === 'ja')).toBe(true);
    const untranslated = (await (await get(`projects/${projectId}/keys?limit=500&include_translations=1&filter_untranslated=1`)).json()) as { keys: WireKey[] };
    expect(untranslated.keys.length).toBeGreaterThan(0);
    expect(untranslated.keys.every((key) => key.translations?.some((translation) => translation.translation === ''))).toBe(true);
  });

  it('serves translations with cursor pagination by translation id', async () => {
    const response = await get(`projects/${projectId}/translations?pagination=cursor&limit=100`);
    const body = (await response.json()) as { translations: { translation_id: number }[] };
    expect(body.translations).toHaveLength(100);
    expect(decodeCursor(response.headers.get('x-pagination-next-cursor'))).toBe(body.translations.at(-1)?.translation_id);
  });

  it('answers teams and contributors/me', async () => {
    const teams = (await (await get('teams')).json()) as { teams: { name: string }[] };
    expect(teams.teams.length).toBeGreaterThan(0);
    const me = (await (await get(`projects/${projectId}/contributors/me`)).json()) as { contributor: { email: string } };
    expect(me.contributor.email).toContain('@');
  });

  it('refuses a token without the needed scope with 403', async () => {
    const limited = fake.issueTokens('read_projects').accessToken;
    const response = await fetch(`${fake.apiUrl}projects/${projectId}/keys`, { headers: { Authorization: `Bearer ${limited}` } });
    expect(response.status).toBe(403);
  });

  it('hides a project whose access was revoked and drops deleted keys', async () => {
    const second = fake.dataset.projects[1]!;
    fake.deleteKeys(projectId, [fake.dataset.keyIdAt(fake.dataset.projects[0]!, 0)]);
    const keys = await get(`projects/${projectId}/keys?limit=1&filter_archived=include`);
    expect(keys.headers.get('x-pagination-total-count')).toBe('1233');
    fake.revokeProjectAccess(second.projectId);
    expect((await get(`projects/${second.projectId}`)).status).toBe(404);
    const list = (await (await get('projects')).json()) as { projects: unknown[] };
    expect(list.projects).toHaveLength(1);
  });
});
