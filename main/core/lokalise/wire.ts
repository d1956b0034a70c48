/**
 * Reads Lokalise's wire shapes into the domain types, checking every field it uses.
 *
 * Hand-written readers rather than schema objects: a full sync parses a million translations, and a field check
 * costs next to nothing while a generic validator per object does not. Unknown extra fields are ignored, and
 * fields that older recordings lack (`is_unverified`, `segment_number`, `task_id`) are optional. A shape that does
 * not fit raises one clear error naming the endpoint instead of failing deep inside the sync.
 */
import { LokaliseApiError } from './errors';
import { parseKeyList } from './key-list-json';
import { parseUtf8Json } from './utf8-json';
import type { KeyNames, KeyPageInput, KeyTimes, LokaliseContributor, LokaliseKey, LokaliseLanguage, LokaliseProject, LokaliseTeam, LokaliseTranslation } from './types';

type Json = Record<string, unknown>;

/** Raised when a response does not have the shape Lokalise documents. */
export function badResponse(what: string, detail: string): LokaliseApiError {
  return new LokaliseApiError('lokalise.bad_response', `Lokalise sent ${what} in an unexpected format (${detail}). Try again, or report this if it persists.`, 200);
}

/** Field readers bound to one endpoint's name for their error messages. */
export class WireReader {
  public constructor(private readonly what: string) {}

  /** The object, or an error. */
  public object(value: unknown, field: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badResponse(this.what, `${field} is not an object`);
    return value as Json;
  }

  /** The array, or an error. */
  public array(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) throw badResponse(this.what, `${field} is not a list`);
    return value;
  }

  /** A required number. */
  public number(record: Json, field: string): number {
    const value = record[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw badResponse(this.what, `${field} is not a number`);
    return value;
  }

  /** A string, with a fallback when absent or null. */
  public text(record: Json, field: string, fallback = ''): string {
    const value = record[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string') throw badResponse(this.what, `${field} is not text`);
    return value;
  }

  /** A boolean, with a fallback when absent. Lokalise sometimes sends 0/1. */
  public flag(record: Json, field: string, fallback = false): boolean {
    const value = record[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    if (value === 0 || value === 1) return value === 1;
    throw badResponse(this.what, `${field} is not true or false`);
  }

  /** A list of strings. */
  public strings(record: Json, field: string): string[] {
    const value = record[field];
    if (value === undefined || value === null) return [];
    return this.array(value, field).map((entry) => {
      if (typeof entry !== 'string') throw badResponse(this.what, `${field} holds a non-text entry`);
      return entry;
    });
  }

  /** Epoch milliseconds from `<field>_timestamp` (seconds), else from the `YYYY-MM-DD HH:MM:SS (Etc/UTC)` string. */
  public time(record: Json, field: string): number | null {
    const stamp = record[`${field}_timestamp`];
    if (typeof stamp === 'number' && Number.isFinite(stamp)) return stamp * 1000;
    const text = record[field];
    if (typeof text !== 'string') return null;
    const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)/.exec(text);
    if (match === null) return null;
    const parsed = Date.parse(`${match[1] ?? ''}T${match[2] ?? ''}Z`);
    return Number.isNaN(parsed) ? null : parsed;
  }
}

/** Decodes a plural value (a JSON object of strings in a string); null when it is not one. */
export function decodePlural(value: string): Record<string, string> | null {
  if (!value.startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const forms: Record<string, string> = {};
    for (const [form, text] of Object.entries(parsed)) {
      if (typeof text !== 'string') return null;
      forms[form] = text;
    }
    return forms;
  } catch {
    return null;
  }
}

/** A project object. */
export function readProject(value: unknown): LokaliseProject {
  const reader = new WireReader('a project');
  const record = reader.object(value, 'project');
  const statistics = record.statistics === undefined || record.statistics === null ? null : reader.object(record.statistics, 'statistics');
  const languages = statistics === null ? [] : reader.array(statistics.languages ?? [], 'statistics.languages');
  return {
    projectId: reader.text(record, 'project_id'),
    name: reader.text(record, 'name'),
    description: reader.text(record, 'description'),
    teamId: typeof record.team_id === 'number' ? record.team_id : null,
    baseLanguageId: typeof record.base_language_id === 'number' ? record.base_language_id : null,
    baseLanguageIso: typeof record.base_language_iso === 'string' ? record.base_language_iso : null,
    createdAt: reader.time(record, 'created_at'),
    progressTotal: statistics === null ? 0 : reader.number(statistics, 'progress_total'),
    keysTotal: statistics === null ? 0 : reader.number(statistics, 'keys_total'),
    languages: languages.map((entry) => {
      const language = reader.object(entry, 'statistics.languages[]');
      return { languageId: reader.number(language, 'language_id'), iso: reader.text(language, 'language_iso'), progress: reader.number(language, 'progress') };
    }),
  };
}

/** A project language. */
export function readLanguage(value: unknown): LokaliseLanguage {
  const reader = new WireReader('a project language');
  const record = reader.object(value, 'language');
  return {
    langId: reader.number(record, 'lang_id'),
    iso: reader.text(record, 'lang_iso'),
    name: reader.text(record, 'lang_name'),
    isRtl: reader.flag(record, 'is_rtl'),
    pluralForms: reader.strings(record, 'plural_forms'),
  };
}

const translationReader = new WireReader('a translation');
const keyReader = new WireReader('a key');

/** A translation; `isPlural` comes from its key, since the value alone cannot say. */
export function readTranslation(value: unknown, isPlural: boolean): LokaliseTranslation {
  const record = translationReader.object(value, 'translation');
  const text = translationReader.text(record, 'translation');
  return {
    translationId: translationReader.number(record, 'translation_id'),
    keyId: translationReader.number(record, 'key_id'),
    languageIso: translationReader.text(record, 'language_iso'),
    value: text,
    pluralForms: isPlural ? decodePlural(text) : null,
    isReviewed: translationReader.flag(record, 'is_reviewed'),
    isUnverified: translationReader.flag(record, 'is_unverified', translationReader.flag(record, 'is_fuzzy')),
    modifiedAt: translationReader.time(record, 'modified_at'),
    ...(typeof record.modified_by_email === 'string' && record.modified_by_email !== '' ? { modifiedByEmail: record.modified_by_email } : {}),
  };
}

function readKeyNames(value: unknown): KeyNames {
  if (typeof value === 'string') return { ios: value, android: value, web: value, other: value };
  const names = keyReader.object(value, 'key_name');
  const web = keyReader.text(names, 'web');
  const fallback = web !== '' ? web : keyReader.text(names, 'other', keyReader.text(names, 'ios', keyReader.text(names, 'android')));
  return {
    ios: keyReader.text(names, 'ios', fallback),
    android: keyReader.text(names, 'android', fallback),
    web: web !== '' ? web : fallback,
    other: keyReader.text(names, 'other', fallback),
  };
}

/** A key, with translations when the response embeds them. */
export function readKey(value: unknown): LokaliseKey {
  const record = keyReader.object(value, 'key');
  const isPlural = keyReader.flag(record, 'is_plural');
  const translations = record.translations === undefined ? [] : keyReader.array(record.translations, 'translations');
  return {
    keyId: keyReader.number(record, 'key_id'),
    keyNames: readKeyNames(record.key_name),
    description: keyReader.text(record, 'description'),
    platforms: keyReader.strings(record, 'platforms'),
    tags: keyReader.strings(record, 'tags'),
    isPlural,
    pluralName: keyReader.text(record, 'plural_name'),
    isHidden: keyReader.flag(record, 'is_hidden'),
    isArchived: keyReader.flag(record, 'is_archived'),
    context: keyReader.text(record, 'context'),
    charLimit: typeof record.char_limit === 'number' ? record.char_limit : 0,
    createdAt: keyReader.time(record, 'created_at'),
    modifiedAt: keyReader.time(record, 'modified_at'),
    translationsModifiedAt: keyReader.time(record, 'translations_modified_at'),
    translations: translations.map((entry) => readTranslation(entry, isPlural)),
  };
}

/**
 * The keys of a page: as they are when already read, else parsed from Lokalise's text (on the thread that writes
 * them; see UnparsedKeyPage). A page that is not JSON, or has no `keys` list, raises the endpoint's clear error.
 */
export function readKeyPage(page: KeyPageInput): readonly LokaliseKey[] {
  if (!('unparsed' in page)) return page;
  const reader = new WireReader(page.what);
  // A page's bytes are read key by key where the page has Lokalise's shape (key-list-json.ts), which spares the
  // syncing thread a 2.5 MB string per page; else whole.
  const listed = typeof page.unparsed === 'string' ? null : parseKeyList(page.unparsed);
  if (listed !== null) return listed.map(readKey);
  let body: unknown;
  try {
    // Bytes are read as TextDecoder then JSON.parse would read them (a byte-order mark dropped, as Response.text()
    // drops it), for about half the CPU (utf8-json.ts).
    body = typeof page.unparsed === 'string' ? JSON.parse(page.unparsed) : parseUtf8Json(page.unparsed);
  } catch {
    throw badResponse(page.what, 'the answer is not complete JSON');
  }
  return reader.array(reader.object(body, 'body').keys, 'keys').map(readKey);
}

/** The ids and times of a page's keys (see KeyTimes): what a resync's listing needs of it, read where it is parsed. */
export function readKeyTimes(page: KeyPageInput): KeyTimes {
  const keys = readKeyPage(page);
  const times: KeyTimes = { keyIds: new Float64Array(keys.length), modifiedAt: new Float64Array(keys.length), translationsModifiedAt: new Float64Array(keys.length) };
  keys.forEach((key, index) => {
    times.keyIds[index] = key.keyId;
    times.modifiedAt[index] = key.modifiedAt ?? Number.NaN;
    times.translationsModifiedAt[index] = key.translationsModifiedAt ?? Number.NaN;
  });
  return times;
}

/** A team. */
export function readTeam(value: unknown): LokaliseTeam {
  const reader = new WireReader('a team');
  const record = reader.object(value, 'team');
  return { teamId: reader.number(record, 'team_id'), name: reader.text(record, 'name'), plan: reader.text(record, 'plan') };
}

/** The `contributors/me` answer. */
export function readContributor(value: unknown): LokaliseContributor {
  const reader = new WireReader('your Lokalise profile');
  const record = reader.object(reader.object(value, 'body').contributor, 'contributor');
  const languages = record.languages === undefined ? [] : reader.array(record.languages, 'languages');
  return {
    userId: reader.number(record, 'user_id'),
    email: reader.text(record, 'email'),
    fullname: reader.text(record, 'fullname'),
    isAdmin: reader.flag(record, 'is_admin'),
    isReviewer: reader.flag(record, 'is_reviewer'),
    languages: languages.map((entry) => {
      const language = reader.object(entry, 'languages[]');
      return { iso: reader.text(language, 'lang_iso'), isWritable: reader.flag(language, 'is_writable') };
    }),
  };
}
