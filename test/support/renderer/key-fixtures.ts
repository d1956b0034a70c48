/**
 * Sample data for component tests: languages (with Arabic's six plural forms), facets, and generated key rows.
 */
import type { KeyDetail, KeyRow, Language, ProjectFacets, ProjectSummary } from '../../../common/contract';
import { makeCell, makeKeyRow, makeProject } from './fixtures';

/** English, Arabic (right to left, six plural forms) and Japanese (one form). */
export const languages: Language[] = [
  { langId: 1, iso: 'en', name: 'English', isRtl: false, pluralForms: ['one', 'other'], progress: 100 },
  { langId: 2, iso: 'ar', name: 'Arabic', isRtl: true, pluralForms: ['zero', 'one', 'two', 'few', 'many', 'other'], progress: 80 },
  { langId: 3, iso: 'ja', name: 'Japanese', isRtl: false, pluralForms: ['other'], progress: 70 },
];

/** Facets of the sample project: two tags, two platforms. */
export const facets: ProjectFacets = { tags: ['legal', 'mobile'], platforms: ['ios', 'web'], languages, keyCounts: null };

/** A key row with English and Arabic cells. */
export function row(index: number): KeyRow {
  return {
    ...makeKeyRow(index),
    name: `screen.key_${index}`,
    translations: [makeCell('en', `Save %s item ${index}`, { isReviewed: true }), makeCell('ar', `حفظ ${index}`)],
  };
}

/** A plural key with a char limit its English form exceeds, Arabic marked unverified and Japanese missing. */
export const pluralDetail: KeyDetail = {
  ...row(0),
  isPlural: true,
  charLimit: 10,
  keyNames: { ios: 'keyIos', android: 'key_android', web: 'screen.key_0', other: 'screen.key_0' },
  context: 'Shown in the toolbar.',
  pluralName: 'files_count',
  createdAt: null,
  description: 'Number of files',
  translations: [
    { languageIso: 'en', value: '', pluralForms: { one: 'One file', other: '{count} files are waiting' }, isEmpty: false, isReviewed: true, isUnverified: false, modifiedAt: 1_600_000_000_000 },
    {
      languageIso: 'ar',
      value: '',
      pluralForms: { other: 'ملفات [%i:count]', zero: 'لا ملفات', one: 'ملف', two: 'ملفان', few: 'ملفات', many: 'ملفًا' },
      isEmpty: false,
      isReviewed: false,
      isUnverified: true,
      modifiedAt: null,
    },
    { languageIso: 'ja', value: '', pluralForms: null, isEmpty: true, isReviewed: false, isUnverified: false, modifiedAt: null },
  ],
};

/** A synced 100 000-key project, for virtualization tests. */
export const project: ProjectSummary = makeProject({
  projectId: 'p.1',
  name: 'Checkout Web',
  description: 'Strings',
  teamName: 'Team',
  keysTotal: 100_000,
  languageCount: 3,
  progressPercent: 80,
  languages,
  sync: { status: 'ok', lastSyncedAt: Date.now() - 120_000, durationMs: 1000, keyCount: 100_000, translationCount: 300_000, lastError: null },
});
