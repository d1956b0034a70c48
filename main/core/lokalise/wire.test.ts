import { describe, expect, it } from 'vitest';
import { LokaliseApiError } from './errors';
import { decodePlural, readContributor, readKey, readLanguage, readProject, readTeam, readTranslation } from './wire';

/** Parses raw response text the way the client does, so escapes such as `\/` go through JSON.parse. */
function wire(text: string): unknown {
  return JSON.parse(text);
}

function thrown(read: () => unknown): LokaliseApiError {
  try {
    read();
  } catch (error) {
    if (error instanceof LokaliseApiError) return error;
    throw error;
  }
  throw new Error('expected the reader to throw');
}

describe('keys and translations', () => {
  // A plural key as Lokalise sends it: PHP json_encode escapes "/" as "\/", and the plural value is JSON in a string.
  const pluralKey = String.raw`{"key_id":44596059,"created_at":"2019-12-27 12:53:16 (Etc\/UTC)","created_at_timestamp":1577451196,
    "key_name":{"ios":"files","android":"files","web":"files","other":"files"},"filenames":{"ios":"","android":"","web":"","other":""},
    "description":"Shown in <b>bold<\/b>","platforms":["web","ios"],"tags":["checkout"],"is_plural":true,"plural_name":"files",
    "is_hidden":false,"is_archived":false,"context":"","base_words":2,"char_limit":40,"custom_attributes":"",
    "modified_at":"2020-06-18 12:32:03 (Etc\/UTC)","modified_at_timestamp":1592483523,
    "translations_modified_at":"2020-01-05 14:49:10 (Etc\/UTC)","translations_modified_at_timestamp":1578235750,
    "translations":[{"translation_id":304581208,"segment_number":1,"key_id":44596059,"language_iso":"en",
      "translation":"{\"one\":\"1 file at https:\/\/example.com\",\"other\":\"[%i:count] files\"}",
      "modified_by":20181,"modified_by_email":"user@example.com","modified_at":"2020-05-11 11:20:33 (Etc\/UTC)",
      "modified_at_timestamp":1589196033,"is_reviewed":true,"reviewed_by":20181,"is_unverified":false,"is_fuzzy":false,"words":1,
      "custom_translation_statuses":[],"task_id":null}]}`;

  it('decodes a plural key with escaped slashes into domain values', () => {
    const key = readKey(wire(pluralKey));
    expect(key).toMatchObject({
      keyId: 44596059,
      keyNames: { ios: 'files', android: 'files', web: 'files', other: 'files' },
      description: 'Shown in <b>bold</b>',
      platforms: ['web', 'ios'],
      tags: ['checkout'],
      isPlural: true,
      pluralName: 'files',
      charLimit: 40,
      createdAt: 1577451196000,
      modifiedAt: 1592483523000,
      translationsModifiedAt: 1578235750000,
    });
    expect(key.translations).toEqual([
      {
        translationId: 304581208,
        keyId: 44596059,
        languageIso: 'en',
        value: '{"one":"1 file at https://example.com","other":"[%i:count] files"}',
        pluralForms: { one: '1 file at https://example.com', other: '[%i:count] files' },
        isReviewed: true,
        isUnverified: false,
        modifiedAt: 1589196033000,
        modifiedByEmail: 'user@example.com',
      },
    ]);
  });

  it('keeps a plural value raw when it is not an object of strings, and never decodes a non-plural key', () => {
    expect(decodePlural(String.raw`{"one":"a\/b","other":"c"}`)).toEqual({ one: 'a/b', other: 'c' });
    expect(decodePlural('{"one":1}')).toBeNull();
    expect(decodePlural('["one"]')).toBeNull();
    expect(decodePlural('{"one":')).toBeNull();
    expect(decodePlural('Hello')).toBeNull();
    const base = { translation_id: 1, key_id: 2, language_iso: 'de' };
    expect(readTranslation({ ...base, translation: '{"one":"Eins"}' }, false).pluralForms).toBeNull();
    expect(readTranslation({ ...base, translation: '' }, true)).toMatchObject({ value: '', pluralForms: null });
  });

  it('reads a 2020 translation without is_unverified, segment_number or task_id, and ignores unknown fields', () => {
    const old = { translation_id: 5, key_id: 6, language_iso: 'fr', translation: 'Bonjour', is_reviewed: 1, is_fuzzy: true, brand_new_field: { nested: [1] } };
    expect(readTranslation(old, false)).toEqual({
      translationId: 5,
      keyId: 6,
      languageIso: 'fr',
      value: 'Bonjour',
      pluralForms: null,
      isReviewed: true,
      isUnverified: true,
      modifiedAt: null,
    });
  });

  it('falls back to the date string when the _timestamp field is missing', () => {
    const translation = readTranslation({ translation_id: 1, key_id: 1, language_iso: 'en', translation: '', modified_at: '2020-05-11 11:20:33 (Etc/UTC)' }, false);
    expect(translation.modifiedAt).toBe(Date.UTC(2020, 4, 11, 11, 20, 33));
    expect(readTranslation({ translation_id: 1, key_id: 1, language_iso: 'en', modified_at: 'yesterday' }, false).modifiedAt).toBeNull();
  });

  it('accepts a key name sent as a plain string and a minimal key', () => {
    const key = readKey({ key_id: 9, key_name: 'welcome.title' });
    expect(key).toMatchObject({
      keyNames: { ios: 'welcome.title', android: 'welcome.title', web: 'welcome.title', other: 'welcome.title' },
      isPlural: false,
      isArchived: false,
      platforms: [],
      tags: [],
      charLimit: 0,
      createdAt: null,
      translations: [],
    });
  });

  it('names the endpoint and the field when a key has the wrong shape', () => {
    const error = thrown(() => readKey({ key_id: '9', key_name: 'x' }));
    expect(error.code).toBe('lokalise.bad_response');
    expect(error.message).toBe('Lokalise sent a key in an unexpected format (key_id is not a number). Try again, or report this if it persists.');
    expect(thrown(() => readKey({ key_id: 9, key_name: 'x', translations: {} })).message).toContain('translations is not a list');
    expect(thrown(() => readKey({ key_id: 9, key_name: 'x', is_hidden: 'no' })).message).toContain('is_hidden is not true or false');
    expect(thrown(() => readTranslation(null, false)).message).toContain('a translation');
  });
});

describe('projects, languages, teams, contributors', () => {
  it('reads a project as recorded, statistics included', () => {
    const project = readProject(
      wire(String.raw`{"project_id":"803826145ba90b42d5d860.46800099","project_type":"localization_files","name":"Demo Phoenix",
        "description":"Description Phoenix","created_at":"2018-09-24 16:05:22 (Etc\/UTC)","created_at_timestamp":1537805122,
        "created_by":20181,"team_id":176692,"base_language_id":640,"base_language_iso":"en",
        "statistics":{"progress_total":32,"keys_total":77,"team":7,"base_words":343,"qa_issues_total":256,"qa_issues":{},
          "languages":[{"language_id":640,"language_iso":"en","progress":96,"words_to_do":0}]}}`),
    );
    expect(project).toEqual({
      projectId: '803826145ba90b42d5d860.46800099',
      name: 'Demo Phoenix',
      description: 'Description Phoenix',
      teamId: 176692,
      baseLanguageId: 640,
      baseLanguageIso: 'en',
      createdAt: 1537805122000,
      progressTotal: 32,
      keysTotal: 77,
      languages: [{ languageId: 640, iso: 'en', progress: 96 }],
    });
  });

  it('reads a project without statistics as zero progress', () => {
    expect(readProject({ project_id: 'p', name: 'P' })).toMatchObject({ progressTotal: 0, keysTotal: 0, languages: [], teamId: null, createdAt: null });
  });

  it('reads languages with RTL and plural forms', () => {
    expect(readLanguage({ lang_id: 731, lang_iso: 'ar_001', lang_name: 'Arabic (World)', is_rtl: true, plural_forms: ['zero', 'one', 'two', 'few', 'many', 'other'] })).toEqual({
      langId: 731,
      iso: 'ar_001',
      name: 'Arabic (World)',
      isRtl: true,
      pluralForms: ['zero', 'one', 'two', 'few', 'many', 'other'],
    });
    expect(thrown(() => readLanguage({ lang_id: 1, plural_forms: [1] })).message).toContain('a project language');
  });

  it('reads a team and the contributors/me envelope', () => {
    expect(readTeam({ team_id: 176692, name: "Ilya's Team", plan: 'Trial', quota_usage: {} })).toEqual({ teamId: 176692, name: "Ilya's Team", plan: 'Trial' });
    const me = { contributor: { user_id: 20181, email: 'user@example.com', fullname: 'Ilya B', is_admin: true }, project_id: 'p' };
    expect(readContributor(me)).toEqual({ userId: 20181, email: 'user@example.com', fullname: 'Ilya B', isAdmin: true, isReviewer: false, languages: [] });
    const withLanguages = { contributor: { ...me.contributor, is_reviewer: true, languages: [{ lang_id: 640, lang_iso: 'en', lang_name: 'English', is_writable: false }] } };
    expect(readContributor(withLanguages)).toMatchObject({ isReviewer: true, languages: [{ iso: 'en', isWritable: false }] });
    expect(thrown(() => readContributor({ project_id: 'p' })).message).toContain('your Lokalise profile');
  });
});
