import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeProject } from './dataset';
import { decodeCursor } from './pagination';
import { startFakeLokalise, type FakeLokalise } from './server';

let fake: FakeLokalise;
let project: FakeProject;
let headers: Record<string, string>;

beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 2, keysPerProject: 300, languages: 5, seed: 11 });
  const first = fake.dataset.projects[0];
  if (first === undefined) throw new Error('the fake has no project');
  project = first;
  headers = { Authorization: `Bearer ${fake.issueTokens().accessToken}` };
});
afterEach(async () => {
  await fake.close();
});

interface WireTranslation {
  translation_id: number;
  key_id: number;
  language_iso: string;
  translation: string;
  is_reviewed: boolean;
  is_unverified: boolean;
  modified_at_timestamp: number;
}
interface WireKey {
  key_id: number;
  key_name: Record<string, string>;
  tags: string[];
  platforms: string[];
  is_archived: boolean;
  comments?: unknown[];
  screenshots?: unknown[];
  translations?: WireTranslation[];
}

async function get(path: string): Promise<Response> {
  return fetch(`${fake.apiUrl}${path}`, { headers });
}

async function keyIds(query: string): Promise<number[]> {
  const body = (await (await get(`projects/${project.projectId}/keys?limit=500&${query}`)).json()) as { keys: WireKey[] };
  return body.keys.map((key) => key.key_id);
}

/** The ids the dataset says should match, in ascending order. */
function expectedIds(predicate: (index: number) => boolean): number[] {
  return [...fake.dataset.liveIndexes(project)].filter(predicate).map((index) => fake.dataset.keyIdAt(project, index));
}

async function allTranslations(query: string): Promise<WireTranslation[]> {
  const collected: WireTranslation[] = [];
  let cursor: string | null = null;
  for (;;) {
    const response = await get(`projects/${project.projectId}/translations?pagination=cursor&limit=400&${query}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    const body = (await response.json()) as { translations: WireTranslation[] };
    if (body.translations.length === 0) return collected;
    collected.push(...body.translations);
    cursor = response.headers.get('x-pagination-next-cursor');
    if (cursor === null) return collected;
  }
}

describe('fake Lokalise keys filters', () => {
  it('filters archived keys: exclude by default, include, only', async () => {
    const archived = (index: number): boolean => fake.dataset.flags(project, index).isArchived;
    expect(await keyIds('')).toEqual(expectedIds((index) => !archived(index)));
    expect(await keyIds('filter_archived=include')).toEqual(expectedIds(() => true));
    const only = await keyIds('filter_archived=only');
    expect(only.length).toBeGreaterThan(0);
    expect(only).toEqual(expectedIds(archived));
  });

  it('filters by key ids, names on any platform, tags and platforms', async () => {
    const keys = [...fake.dataset.liveIndexes(project)].map((index) => fake.dataset.key(project, index));
    const chosen = [keys[3], keys[17], keys[250]].flatMap((key) => (key === undefined || key.isArchived ? [] : [key.keyId]));
    expect(await keyIds(`filter_key_ids=${chosen.join(',')}`)).toEqual(chosen);

    const renamed = keys.find((key) => !key.isArchived && key.keyNames.ios !== key.keyNames.web);
    expect(renamed).toBeDefined();
    expect(await keyIds(`filter_keys=${encodeURIComponent(renamed?.keyNames.ios ?? '')}`)).toEqual([renamed?.keyId]);

    const live = keys.filter((key) => !key.isArchived);
    expect(await keyIds('filter_tags=legal,beta')).toEqual(live.filter((key) => key.tags.includes('legal') || key.tags.includes('beta')).map((key) => key.keyId));
    expect(await keyIds('filter_platforms=ios')).toEqual(live.filter((key) => key.platforms.includes('ios')).map((key) => key.keyId));
  });

  it('includes comments and screenshots only when asked, and the single key always carries them', async () => {
    const plain = (await (await get(`projects/${project.projectId}/keys?limit=1`)).json()) as { keys: WireKey[] };
    expect(plain.keys[0]?.comments).toBeUndefined();
    expect(plain.keys[0]?.screenshots).toBeUndefined();
    const asked = (await (await get(`projects/${project.projectId}/keys?limit=1&include_comments=1&include_screenshots=1`)).json()) as { keys: WireKey[] };
    expect(asked.keys[0]?.comments).toEqual([]);
    expect(asked.keys[0]?.screenshots).toEqual([]);
    expect(asked.keys[0]?.translations).toBeUndefined();

    const keyId = fake.dataset.keyIdAt(project, 5);
    const single = await get(`projects/${project.projectId}/keys/${keyId}`);
    const body = (await single.json()) as { project_id: string; branch: string; key: Record<string, unknown> };
    expect(body.project_id).toBe(project.projectId);
    expect(body.branch).toBe('master');
    expect(Object.keys(body.key)).toEqual([
      'key_id', 'created_at', 'created_at_timestamp', 'key_name', 'filenames', 'description', 'platforms', 'tags', 'comments', 'screenshots',
      'translations', 'is_plural', 'plural_name', 'is_hidden', 'is_archived', 'context', 'base_words', 'char_limit', 'custom_attributes',
      'modified_at', 'modified_at_timestamp', 'translations_modified_at', 'translations_modified_at_timestamp',
    ]);
    expect((await get(`projects/${project.projectId}/keys/1`)).status).toBe(404);
  });

  it('pages keys by offset with 1-based decimal headers, and answers an empty page past the end', async () => {
    const live = expectedIds((index) => !fake.dataset.flags(project, index).isArchived);
    const response = await get(`projects/${project.projectId}/keys?limit=100&page=2`);
    expect(response.headers.get('x-pagination-total-count')).toBe(String(live.length));
    expect(response.headers.get('x-pagination-page-count')).toBe(String(Math.ceil(live.length / 100)));
    expect(response.headers.get('x-pagination-page')).toBe('2');
    const body = (await response.json()) as { keys: WireKey[] };
    expect(body.keys.map((key) => key.key_id)).toEqual(live.slice(100, 200));
    const past = (await (await get(`projects/${project.projectId}/keys?limit=100&page=9`)).json()) as { keys: WireKey[] };
    expect(past.keys).toEqual([]);
    expect((await get(`projects/${project.projectId}/keys?limit=0`)).status).toBe(400);
    expect((await get(`projects/${project.projectId}/keys?page=abc`)).status).toBe(400);
  });

  it('writes every slash in string values as \\/ the way PHP does', async () => {
    const keys = [...fake.dataset.liveIndexes(project)].map((index) => fake.dataset.key(project, index));
    const withLink = keys.find((key) => !key.isArchived && key.translations.some((translation) => translation.value.includes('https://')));
    expect(withLink).toBeDefined();
    const text = await (await get(`projects/${project.projectId}/keys/${withLink?.keyId}`)).text();
    expect(text).toContain('https:\\/\\/example.com\\/help\\/');
    expect(text).not.toMatch(/[^\\]\//);
  });
});

describe('fake Lokalise translations list', () => {
  it('walks every translation exactly once by cursor, in ascending id order, matching the dataset', async () => {
    const walked = await allTranslations('');
    expect(walked).toHaveLength(300 * 5);
    const ids = walked.map((translation) => translation.translation_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const sample = walked[777];
    const key = fake.dataset.key(project, fake.dataset.indexOfKeyId(project, sample?.key_id ?? 0));
    const expected = key.translations.find((translation) => translation.translationId === sample?.translation_id);
    expect(sample?.translation).toBe(expected?.value);
    expect(sample?.language_iso).toBe(expected?.language.iso);
  });

  it('filters by language, review state and emptiness consistently with the dataset', async () => {
    const all = [...fake.dataset.liveIndexes(project)].flatMap((index) => fake.dataset.key(project, index).translations);
    const german = project.languages.find((language) => language.iso === 'de');
    const byLanguage = await allTranslations(`filter_lang_id=${german?.langId}`);
    expect(byLanguage.map((entry) => entry.translation_id)).toEqual(all.filter((entry) => entry.language.iso === 'de').map((entry) => entry.translationId));
    const reviewed = await allTranslations('filter_is_reviewed=1');
    expect(reviewed.map((entry) => entry.translation_id)).toEqual(all.filter((entry) => entry.isReviewed).map((entry) => entry.translationId));
    expect(reviewed.every((entry) => entry.is_reviewed)).toBe(true);
    const unverified = await allTranslations('filter_unverified=1');
    expect(unverified.length).toBeGreaterThan(0);
    expect(unverified.every((entry) => entry.is_unverified)).toBe(true);
    const empty = await allTranslations('filter_untranslated=1');
    expect(empty.map((entry) => entry.translation_id)).toEqual(all.filter((entry) => entry.value === '').map((entry) => entry.translationId));
  });

  it('pages translations by offset with a total over every language', async () => {
    const response = await get(`projects/${project.projectId}/translations?limit=250&page=3`);
    expect(response.headers.get('x-pagination-total-count')).toBe('1500');
    expect(response.headers.get('x-pagination-page-count')).toBe('6');
    const body = (await response.json()) as { translations: WireTranslation[] };
    expect(body.translations).toHaveLength(250);
    expect(decodeCursor(response.headers.get('x-pagination-next-cursor'))).toBeNull();
  });
});

describe('fake Lokalise server-side changes', () => {
  it('serves an edited translation with cleared review flags, a new time and updated statistics', async () => {
    const index = [...fake.dataset.liveIndexes(project)].find((candidate) => !fake.dataset.flags(project, candidate).isPlural && fake.dataset.isUntranslated(project, candidate, 1));
    const keyId = fake.dataset.keyIdAt(project, index ?? 0);
    const iso = project.languages[1]?.iso ?? '';
    const before = (await (await get(`projects/${project.projectId}?include_settings=0`)).json()) as { statistics: { languages: { language_iso: string; progress: number }[] } };
    fake.updateTranslation(project.projectId, keyId, iso, 'مرحبا / hello', 1_800_000_000);
    const key = (await (await get(`projects/${project.projectId}/keys/${keyId}`)).json()) as { key: WireKey & { modified_at_timestamp: number } };
    const edited = key.key.translations?.find((translation) => translation.language_iso === iso);
    expect(edited).toMatchObject({ translation: 'مرحبا / hello', is_reviewed: false, is_unverified: false, modified_at_timestamp: 1_800_000_000 });
    expect(key.key.modified_at_timestamp).toBe(1_800_000_000);
    const after = (await (await get(`projects/${project.projectId}?include_settings=0`)).json()) as typeof before;
    const progress = (body: typeof before): number => body.statistics.languages.find((entry) => entry.language_iso === iso)?.progress ?? -1;
    expect(progress(after)).toBeGreaterThanOrEqual(progress(before));
    expect(fake.dataset.statistics(project).languages[1]?.progress).toBe(progress(after));
    const untranslated = await keyIds('filter_untranslated=1&filter_archived=include');
    expect(untranslated.includes(keyId)).toBe(project.languages.some((_, position) => fake.dataset.isUntranslated(project, index ?? 0, position)));
  });

  it('takes plural forms for a plural key and refuses values that do not fit', async () => {
    const index = [...fake.dataset.liveIndexes(project)].find((candidate) => fake.dataset.flags(project, candidate).isPlural) ?? 0;
    const keyId = fake.dataset.keyIdAt(project, index);
    fake.updateTranslation(project.projectId, keyId, 'en', { one: 'One file', other: '[%i:count] files' });
    const key = (await (await get(`projects/${project.projectId}/keys/${keyId}`)).json()) as { key: WireKey };
    const english = key.key.translations?.find((translation) => translation.language_iso === 'en')?.translation ?? '';
    expect(JSON.parse(english)).toEqual({ one: 'One file', other: '[%i:count] files' });
    expect(() => fake.updateTranslation(project.projectId, keyId, 'en', 'flat text')).toThrow(/plural/);
    expect(() => fake.updateTranslation(project.projectId, keyId, 'en', { other: 'x' })).toThrow(/one, other/);
    expect(() => fake.updateTranslation(project.projectId, keyId, 'xx', { one: '', other: '' })).toThrow(/no language xx/);
    expect(() => fake.updateTranslation(project.projectId, 1, 'en', 'x')).toThrow(/no key 1/);
    expect(() => fake.updateTranslation('nope', keyId, 'en', 'x')).toThrow(/no project nope/);
  });

  it('adds keys after the existing ones, so a cursor sync picks them up at the end', async () => {
    const added = fake.addKeys(project.projectId, 3);
    expect(added[0]).toBeGreaterThan(fake.dataset.keyIdAt(project, 299));
    const all = await keyIds('filter_archived=include&limit=500');
    expect(all).toHaveLength(303);
    expect(all.slice(-3)).toEqual(added);
    const statistics = (await (await get(`projects/${project.projectId}`)).json()) as { statistics: { keys_total: number } };
    expect(statistics.statistics.keys_total).toBe(303);
  });
});

describe('fake Lokalise projects and teams', () => {
  it('filters projects by team and name, and leaves out statistics and settings on request', async () => {
    const second = fake.dataset.projects[1];
    const byTeam = (await (await get(`projects?filter_team_id=${second?.teamId}`)).json()) as { projects: { project_id: string }[] };
    expect(byTeam.projects.map((entry) => entry.project_id)).toEqual([second?.projectId]);
    const byName = (await (await get(`projects?filter_names=${encodeURIComponent(project.name)}`)).json()) as { projects: { project_id: string }[] };
    expect(byName.projects.map((entry) => entry.project_id)).toEqual([project.projectId]);
    const bare = (await (await get('projects?include_statistics=0&include_settings=0')).json()) as { projects: Record<string, unknown>[] };
    expect(bare.projects[0]).not.toHaveProperty('statistics');
    expect(bare.projects[0]).not.toHaveProperty('settings');
  });

  it('reports statistics that agree with the data', async () => {
    const body = (await (await get(`projects/${project.projectId}`)).json()) as { statistics: { keys_total: number; languages: { language_iso: string; progress: number }[] } };
    expect(body.statistics.keys_total).toBe(300);
    const arabic = project.languages.findIndex((language) => language.iso === 'ar');
    const translated = [...fake.dataset.liveIndexes(project)].filter((index) => !fake.dataset.isUntranslated(project, index, arabic)).length;
    expect(body.statistics.languages.find((entry) => entry.language_iso === 'ar')?.progress).toBe(Math.floor((translated * 100) / 300));
    expect(body.statistics.languages.find((entry) => entry.language_iso === 'en')?.progress).toBe(100);
  });

  it('serves one team wrapped in "team" and 404s an unknown one', async () => {
    const team = fake.dataset.teams[0];
    const body = (await (await get(`teams/${team?.teamId}`)).json()) as { team: { team_id: number; created_at: string } };
    expect(body.team.team_id).toBe(team?.teamId);
    expect(body.team.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(Etc\/UTC\)$/);
    expect((await get('teams/1')).status).toBe(404);
  });
});
