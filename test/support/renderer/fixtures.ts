/**
 * Contract-shaped sample data for component tests (test-only): languages with their real CLDR plural categories,
 * projects, key rows and details, and a `keys.page` answer that serves any number of synthetic keys on demand,
 * so a 100 000-key project costs nothing until a page is asked for.
 */
import type { KeyDetail, KeyPage, KeyQueryInput, KeyRow, Language, ProjectFacets, ProjectSummary, TranslationCell } from '../../../common/contract';

/** English: the usual base language. */
export const english: Language = { langId: 640, iso: 'en', name: 'English', isRtl: false, pluralForms: ['one', 'other'], progress: 100 };
/** German. */
export const german: Language = { langId: 597, iso: 'de', name: 'German', isRtl: false, pluralForms: ['one', 'other'], progress: 80 };
/** Arabic: right to left, with all six CLDR plural categories. */
export const arabic: Language = {
  langId: 620,
  iso: 'ar',
  name: 'Arabic',
  isRtl: true,
  pluralForms: ['zero', 'one', 'two', 'few', 'many', 'other'],
  progress: 40,
};
/** Japanese: a single plural category. */
export const japanese: Language = { langId: 650, iso: 'ja', name: 'Japanese', isRtl: false, pluralForms: ['other'], progress: 55 };

/** The languages of the sample project. */
export const sampleLanguages: readonly Language[] = [english, german, arabic, japanese];

/** A synced sample project; `overrides` changes any field. */
export function makeProject(overrides: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    projectId: '100.abc',
    name: 'Acme Mobile App',
    description: 'iOS and Android strings',
    baseLanguageIso: 'en',
    teamId: 1,
    teamName: 'Acme',
    keysTotal: 1200,
    languageCount: sampleLanguages.length,
    progressPercent: 64,
    languages: [...sampleLanguages],
    keepOffline: true,
    access: 'ok',
    sync: { status: 'ok', lastSyncedAt: Date.now() - 5 * 60_000, durationMs: 1200, keyCount: 1200, translationCount: 4800, lastError: null },
    ...overrides,
  };
}

/** Facets of the sample project. */
export function makeFacets(overrides: Partial<ProjectFacets> = {}): ProjectFacets {
  return { tags: ['onboarding', 'settings'], platforms: ['ios', 'android', 'web'], languages: [...sampleLanguages], keyCounts: null, ...overrides };
}

/** A filled, unflagged translation. */
export function makeCell(languageIso: string, value: string, overrides: Partial<TranslationCell> = {}): TranslationCell {
  return { languageIso, value, pluralForms: null, isEmpty: value === '', isReviewed: false, isUnverified: false, modifiedAt: null, ...overrides };
}

/** Key number `index` of a synthetic project, with a translation for each language asked for. */
export function makeKeyRow(index: number, isos: readonly string[] = ['en', 'de']): KeyRow {
  return {
    keyId: index + 1,
    name: `screen.item_${String(index).padStart(6, '0')}`,
    description: '',
    isPlural: false,
    isArchived: false,
    isHidden: false,
    tags: [],
    platforms: ['web'],
    charLimit: 0,
    modifiedAt: null,
    translations: isos.map((iso) => makeCell(iso, `${iso} text ${index}`)),
  };
}

/** A key's full detail, built from a row. */
export function makeDetail(overrides: Partial<KeyDetail> = {}): KeyDetail {
  const row = makeKeyRow(0);
  return {
    ...row,
    keyNames: { ios: 'welcome_title', android: 'welcome_title', web: 'welcome.title', other: 'welcome.title' },
    context: '',
    pluralName: '',
    createdAt: null,
    ...overrides,
  };
}

/** A `keys.page` answer for a project of `total` keys; rows are made only for the page asked for. */
export function syntheticKeys(total: number): (query: KeyQueryInput) => KeyPage {
  return (query) => {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 100;
    const isos = [query.sourceIso, ...query.targetIsos];
    const items: KeyRow[] = [];
    for (let index = offset; index < Math.min(total, offset + limit); index += 1) items.push(makeKeyRow(index, isos));
    return { total, offset, items };
  };
}
