import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from './server';

let fake: FakeLokalise;
let token: string;
let projectId: string;

interface WireTranslation {
  translation_id: number;
  language_iso: string;
  translation: string;
  is_reviewed: boolean;
  is_unverified: boolean;
  modified_at_timestamp: number;
  modified_by_email: string;
}
interface WireKey {
  key_id: number;
  is_plural: boolean;
  translations_modified_at_timestamp: number;
  translations: WireTranslation[];
}

beforeAll(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 300, languages: 4, seed: 5, now: () => 1_800_000_000_000 });
  token = fake.issueTokens().accessToken;
  projectId = fake.dataset.projects[0]?.projectId ?? '';
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.switches.writes.pluralForm = 'both';
  fake.switches.writes.contributor.readOnlyLanguages = [];
});

async function key(keyId: number): Promise<WireKey> {
  const response = await fetch(`${fake.apiUrl}projects/${projectId}/keys/${keyId}`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await response.json()) as { key: WireKey }).key;
}

function put(translationId: number, body: unknown, bearer = token): Promise<Response> {
  return fetch(`${fake.apiUrl}projects/${projectId}/translations/${translationId}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A key id of the given kind (plural or not), past the ones other tests use. */
function keyWhere(plural: boolean, skip = 0): number {
  const project = fake.dataset.projects[0];
  if (project === undefined) throw new Error('no project');
  let seen = 0;
  for (let index = 0; index < project.keyCount; index += 1) {
    if (fake.dataset.flags(project, index).isPlural !== plural) continue;
    if (seen === skip) return fake.dataset.keyIdAt(project, index);
    seen += 1;
  }
  throw new Error('no such key');
}

describe('fake Lokalise writes', () => {
  it('writes a translation, answers it, and moves modified_at, modified_by and translations_modified_at', async () => {
    const keyId = keyWhere(false, 0);
    const before = await key(keyId);
    const german = before.translations.find((entry) => entry.language_iso !== 'en');
    if (german === undefined) throw new Error('no translation');
    const response = await put(german.translation_id, { translation: 'Neuer Wert', is_reviewed: true });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { project_id: string; translation: WireTranslation };
    expect(answer.project_id).toBe(projectId);
    expect(answer.translation).toMatchObject({ translation: 'Neuer Wert', is_reviewed: true, is_unverified: false, modified_at_timestamp: 1_800_000_000, modified_by_email: 'translator@example.com' });
    const after = await key(keyId);
    expect(after.translations.find((entry) => entry.translation_id === german.translation_id)?.translation).toBe('Neuer Wert');
    expect(after.translations_modified_at_timestamp).toBe(1_800_000_000);
    expect(fake.writes).toContain(german.translation_id);
  });

  it('accepts plural values as an object or as a JSON string, and a switch can refuse either form', async () => {
    const keyId = keyWhere(true, 0);
    const english = (await key(keyId)).translations.find((entry) => entry.language_iso === 'en');
    if (english === undefined) throw new Error('no translation');
    expect((await put(english.translation_id, { translation: { one: '1 file', other: '%d files' } })).status).toBe(200);
    expect((await put(english.translation_id, { translation: JSON.stringify({ one: 'a file', other: '%d files' }) })).status).toBe(200);
    fake.switches.writes.pluralForm = 'object';
    const refused = await put(english.translation_id, { translation: JSON.stringify({ one: 'x', other: 'y' }) });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 400, message: expect.stringContaining('object') as unknown } });
    fake.switches.writes.pluralForm = 'string';
    expect((await put(english.translation_id, { translation: { one: 'x', other: 'y' } })).status).toBe(400);
    const stored = (await key(keyId)).translations.find((entry) => entry.language_iso === 'en');
    expect(JSON.parse(stored?.translation ?? '{}')).toEqual({ one: 'a file', other: '%d files' });
  });

  it('answers 400 in Lokalise’s error shape for bad bodies', async () => {
    const plain = (await key(keyWhere(false, 1))).translations[1];
    const plural = (await key(keyWhere(true, 1))).translations[0];
    if (plain === undefined || plural === undefined) throw new Error('no translation');
    for (const [id, body] of [
      [plain.translation_id, 'not json'],
      [plain.translation_id, {}],
      [plain.translation_id, { translation: { one: 'x' } }],
      [plain.translation_id, { translation: 'x', is_reviewed: 'yes' }],
      [plural.translation_id, { translation: { bogus: 'x' } }],
    ] as const) {
      const response = await put(id, body);
      expect(response.status).toBe(400);
      const error = ((await response.json()) as { error: { code: number; message: string } }).error;
      expect(error.code).toBe(400);
      expect(error.message.length).toBeGreaterThan(0);
    }
  });

  it('refuses without write_translations, for a read-only language, and for deleted keys or unknown translations', async () => {
    const keyId = keyWhere(false, 2);
    const translations = (await key(keyId)).translations;
    const first = translations[1];
    if (first === undefined) throw new Error('no translation');
    const readOnly = fake.issueTokens('read_projects read_keys read_translations').accessToken;
    const noScope = await put(first.translation_id, { translation: 'x' }, readOnly);
    expect(noScope.status).toBe(403);
    expect(await noScope.text()).toContain('write_translations');
    fake.switches.writes.contributor.readOnlyLanguages = [first.language_iso];
    expect((await put(first.translation_id, { translation: 'x' })).status).toBe(403);
    fake.switches.writes.contributor.readOnlyLanguages = [];
    expect((await put(999_999_999, { translation: 'x' })).status).toBe(404);
    fake.deleteKeys(projectId, [keyId]);
    expect((await put(first.translation_id, { translation: 'x' })).status).toBe(404);
  });

  it('marks the other languages unverified when the base language changes, and verifies a written one', async () => {
    const keyId = keyWhere(false, 3);
    const before = await key(keyId);
    const base = before.translations.find((entry) => entry.language_iso === 'en');
    if (base === undefined) throw new Error('no base');
    expect((await put(base.translation_id, { translation: `${base.translation} (changed)` })).status).toBe(200);
    const after = await key(keyId);
    for (const translation of after.translations.filter((entry) => entry.language_iso !== 'en' && entry.translation !== '')) {
      expect(translation.is_unverified).toBe(true);
    }
    const other = after.translations.find((entry) => entry.language_iso !== 'en');
    if (other === undefined) throw new Error('no translation');
    expect((await put(other.translation_id, { translation: 'verified again' })).status).toBe(200);
    expect((await key(keyId)).translations.find((entry) => entry.translation_id === other.translation_id)?.is_unverified).toBe(false);
  });

  it('lets another user change a translation, recorded with their name', async () => {
    const keyId = keyWhere(false, 4);
    const translationId = fake.editAsOtherUser(projectId, keyId, 'ar', 'قيمة أخرى', { isReviewed: true });
    const changed = (await key(keyId)).translations.find((entry) => entry.translation_id === translationId);
    expect(changed).toMatchObject({ translation: 'قيمة أخرى', is_reviewed: true, modified_by_email: 'colleague@example.com' });
  });

  it('applies a write and then drops the connection when asked to', async () => {
    const keyId = keyWhere(false, 5);
    const target = (await key(keyId)).translations[2];
    if (target === undefined) throw new Error('no translation');
    fake.switches.writes.dropAfterWrite = 1;
    await expect(put(target.translation_id, { translation: 'applied, unanswered' })).rejects.toThrow();
    expect((await key(keyId)).translations[2]?.translation).toBe('applied, unanswered');
    expect((await put(target.translation_id, { translation: 'answered' })).status).toBe(200);
  });

  it('answers contributors/me from the contributor switch', async () => {
    fake.switches.writes.contributor = { isAdmin: true, isReviewer: false, readOnlyLanguages: ['ja'] };
    const response = await fetch(`${fake.apiUrl}projects/${projectId}/contributors/me`, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { contributor: { is_admin: boolean; is_reviewer: boolean; languages: { lang_iso: string; is_writable: boolean }[] } };
    expect(body.contributor.is_admin).toBe(true);
    expect(body.contributor.is_reviewer).toBe(false);
    expect(body.contributor.languages.find((language) => language.lang_iso === 'ja')?.is_writable).toBe(false);
    expect(body.contributor.languages.find((language) => language.lang_iso === 'en')?.is_writable).toBe(true);
    fake.switches.writes.contributor = { isAdmin: false, isReviewer: true, readOnlyLanguages: [] };
  });
});
