/**
 * Turns the fake's data into Lokalise's wire shapes, quirks included: PHP-style JSON with every `/` escaped as
 * `\/`, dates as `2020-05-11 11:20:33 (Etc/UTC)` next to a `_timestamp`, plural values as JSON strings, and
 * field order as the recordings show it.
 */
import type { Dataset, FakeKey, FakeProject, FakeTeam, FakeTranslation } from './dataset';

/** PHP `json_encode` output: like JSON.stringify, but `/` is written `\/`. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

/** Lokalise's date format for a unix time in seconds. Hand-rolled because it runs for every key and translation served. */
export function lokaliseDate(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - days * 86_400;
  // Days to civil date (the inverse of Howard Hinnant's days_from_civil), valid for every date after 1970.
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const two = (value: number): string => (value < 10 ? `0${value}` : String(value));
  const hours = Math.floor(secondOfDay / 3600);
  const minutes = Math.floor((secondOfDay % 3600) / 60);
  return `${year}-${two(month)}-${two(day)} ${two(hours)}:${two(minutes)}:${two(secondOfDay % 60)} (Etc/UTC)`;
}

const reviewer = { userId: 20181, email: 'translator@example.com', fullname: 'Dana Translator' };

/** The project object as `GET /projects` and `GET /projects/{id}` return it. */
export function wireProject(dataset: Dataset, project: FakeProject, options: { statistics: boolean; settings: boolean }): object {
  const base = project.languages[0];
  const body: Record<string, unknown> = {
    project_id: project.projectId,
    project_type: 'localization_files',
    name: project.name,
    description: project.description,
    created_at: lokaliseDate(project.createdAt),
    created_at_timestamp: project.createdAt,
    created_by: reviewer.userId,
    created_by_email: reviewer.email,
    team_id: project.teamId,
    team_uuid: `9ef160a0-d4c7-45f5-ab80-${String(project.teamId).padStart(12, '0')}`,
    base_language_id: base?.langId ?? 0,
    base_language_iso: base?.iso ?? 'en',
  };
  if (options.settings) {
    body.settings = {
      per_platform_key_names: true,
      reviewing: true,
      auto_toggle_unverified: true,
      offline_translation: true,
      key_editing: true,
      inline_machine_translations: true,
      branching: false,
      segmentation: false,
      contributor_preview_download_enabled: false,
      custom_translation_statuses: false,
      custom_translation_statuses_allow_multiple: false,
    };
  }
  if (options.statistics) {
    const statistics = dataset.statistics(project);
    body.statistics = {
      progress_total: statistics.progressTotal,
      keys_total: statistics.keysTotal,
      team: 4,
      base_words: statistics.keysTotal * 4,
      qa_issues_total: 0,
      qa_issues: { not_reviewed: 0, unverified: 0, spelling_grammar: 0, inconsistent_placeholders: 0 },
      languages: statistics.languages.map((entry) => ({
        language_id: entry.language.langId,
        language_iso: entry.language.iso,
        progress: entry.progress,
        words_to_do: entry.wordsToDo,
      })),
    };
  }
  return body;
}

/** A project language. */
export function wireLanguage(project: FakeProject, position: number): object {
  const language = project.languages[position];
  if (language === undefined) throw new Error(`no language at ${position}`);
  return {
    lang_id: language.langId,
    lang_iso: language.iso,
    lang_name: language.name,
    is_rtl: language.isRtl,
    plural_forms: language.pluralForms,
  };
}

/** A translation object; plural values travel as a JSON-encoded string. */
export function wireTranslation(translation: FakeTranslation): object {
  return {
    translation_id: translation.translationId,
    segment_number: 1,
    key_id: translation.keyId,
    language_iso: translation.language.iso,
    translation: translation.value,
    modified_by: translation.modifiedBy?.userId ?? reviewer.userId,
    modified_by_email: translation.modifiedBy?.email ?? reviewer.email,
    modified_at: lokaliseDate(translation.modifiedAt),
    modified_at_timestamp: translation.modifiedAt,
    is_reviewed: translation.isReviewed,
    reviewed_by: translation.isReviewed ? reviewer.userId : 0,
    is_unverified: translation.isUnverified,
    is_fuzzy: translation.isUnverified,
    words: translation.value === '' ? 0 : translation.value.split(/\s+/).length,
    custom_translation_statuses: [],
    task_id: null,
  };
}

/** Which optional parts of a key to include, as the `include_*` and `filter_translation_lang_ids` parameters ask. */
export interface KeyParts {
  readonly translations: boolean;
  readonly comments: boolean;
  readonly screenshots: boolean;
  /** Restricts the embedded translations; null = every language. */
  readonly languageIds: ReadonlySet<number> | null;
}

/** A key object in the recorded field order; the optional arrays only when asked for. */
export function wireKey(key: FakeKey, parts: KeyParts): object {
  const languageIds = parts.languageIds;
  return {
    key_id: key.keyId,
    created_at: lokaliseDate(key.createdAt),
    created_at_timestamp: key.createdAt,
    key_name: key.keyNames,
    filenames: { ios: '', android: '', web: '', other: '' },
    description: key.description,
    platforms: key.platforms,
    tags: key.tags,
    ...(parts.comments ? { comments: [] } : {}),
    ...(parts.screenshots ? { screenshots: [] } : {}),
    ...(parts.translations
      ? { translations: key.translations.filter((translation) => languageIds === null || languageIds.has(translation.language.langId)).map(wireTranslation) }
      : {}),
    is_plural: key.isPlural,
    plural_name: key.pluralName,
    is_hidden: key.isHidden,
    is_archived: key.isArchived,
    context: key.context,
    base_words: 4,
    char_limit: key.charLimit,
    custom_attributes: '',
    modified_at: lokaliseDate(key.modifiedAt),
    modified_at_timestamp: key.modifiedAt,
    translations_modified_at: lokaliseDate(key.translationsModifiedAt),
    translations_modified_at_timestamp: key.translationsModifiedAt,
  };
}

/** A team as `GET /teams` lists it. */
export function wireTeam(team: FakeTeam): object {
  return {
    team_id: team.teamId,
    name: team.name,
    plan: team.plan,
    created_at: lokaliseDate(team.createdAt),
    created_at_timestamp: team.createdAt,
    quota_usage: { users: 4, keys: 1000, projects: 3, mau: 0, ai_words: 0 },
    quota_allowed: { users: 999_999_999, keys: 999_999_999, projects: 999_999_999, mau: 0, ai_words: 4000 },
  };
}

/** The signed-in user, as a write through the fake records it in `modified_by`. */
export const signedInUser = { userId: reviewer.userId, email: reviewer.email };

/** What the signed-in contributor may do (the fake's `writes.contributor` switch). */
export interface ContributorRights {
  readonly isAdmin: boolean;
  readonly isReviewer: boolean;
  /** Language codes the contributor may read but not write. */
  readonly readOnlyLanguages: readonly string[];
}

/** The signed-in contributor, as `contributors/me` returns it. */
export function wireContributor(project: FakeProject, rights: ContributorRights = { isAdmin: false, isReviewer: true, readOnlyLanguages: [] }): object {
  return {
    contributor: {
      user_id: reviewer.userId,
      email: reviewer.email,
      fullname: reviewer.fullname,
      created_at: lokaliseDate(project.createdAt),
      created_at_timestamp: project.createdAt,
      is_admin: rights.isAdmin,
      is_reviewer: rights.isReviewer,
      languages: project.languages.map((language) => ({
        lang_id: language.langId,
        lang_iso: language.iso,
        lang_name: language.name,
        is_writable: !rights.readOnlyLanguages.includes(language.iso),
      })),
      admin_rights: [],
      role_id: 5,
      uuid: '01655d20-5648-7d1e-8dd7-6206606b7818',
    },
    project_id: project.projectId,
    project_uuid: `01912da2-6880-73d6-8ad4-${String(project.index).padStart(12, '0')}`,
  };
}
