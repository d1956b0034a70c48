/**
 * From a stored key to the QA checks' inputs, and from their answers to the bitmask the results file keeps. One
 * module for the scan's worker threads, for a single key rechecked on the main thread and for the issues shown on a
 * key page, so all three check the same thing the same way.
 *
 * A key is checked in every language of its project except the base language, against the base language's text
 * (Lokalise's source). A translation waiting to be pushed is checked in place of the stored one.
 */
import { checkTranslation, QA_CHECK_IDS, type QaCheckId, type QaIssue, type QaSettings, type QaText } from '../../../common/qa';
import type { StoredTranslation } from './stored-translations';

/** What a scan needs to know about a project besides its keys. */
export interface QaProjectFacts {
  /** The base language's code: the source every translation is checked against. */
  readonly baseIso: string;
  /** Every language of the snapshot, with the plural forms Lokalise offers in it. */
  readonly languages: readonly { readonly iso: string; readonly pluralForms: readonly string[] }[];
}

/** One stored key, as the checks read it. */
export interface QaKeyRow {
  readonly keyId: number;
  readonly isPlural: boolean;
  readonly charLimit: number;
  readonly translations: Readonly<Record<string, StoredTranslation | undefined>>;
}

/** A translation not yet pushed: checked instead of the stored value of its key and language. */
export interface PendingTranslation {
  readonly keyId: number;
  readonly iso: string;
  readonly value: QaText;
}

/** Pending values by `keyId:iso`, the shape the checks look them up in. */
export type PendingValues = ReadonlyMap<string, QaText>;

/** Indexes pending translations for lookup. */
export function pendingValues(pending: readonly PendingTranslation[]): PendingValues {
  return new Map(pending.map((entry) => [`${String(entry.keyId)}:${entry.iso}`, entry.value]));
}

const noPending: PendingValues = new Map();

/** A stored translation as the checks read it: the plural forms of a plural key, else the text. */
function storedText(entry: StoredTranslation | undefined): QaText {
  if (entry === undefined) return '';
  return entry[1] ?? entry[0];
}

/**
 * The issues of each target language of `key` with `settings`; languages without issues are left out. `only`
 * narrows the languages checked (a key page asks for the cells it shows).
 */
export function keyIssues(facts: QaProjectFacts, key: QaKeyRow, settings: QaSettings, pending: PendingValues = noPending, only?: ReadonlySet<string>): Map<string, QaIssue[]> {
  const found = new Map<string, QaIssue[]>();
  const base = facts.baseIso;
  // Most scans have no pending edits: then no lookup key is built per language (a million strings in a scan).
  const pendingOf = pending.size === 0 ? null : (iso: string): QaText | undefined => pending.get(`${String(key.keyId)}:${iso}`);
  const source = pendingOf?.(base) ?? storedText(key.translations[base]);
  for (const language of facts.languages) {
    if (language.iso === base || (only !== undefined && !only.has(language.iso))) continue;
    const target = pendingOf?.(language.iso) ?? storedText(key.translations[language.iso]);
    const issues = checkTranslation(
      { sourceLanguage: base, targetLanguage: language.iso, source, target, isPlural: key.isPlural, charLimit: key.charLimit, targetPluralForms: language.pluralForms },
      settings,
    );
    if (issues.length > 0) found.set(language.iso, issues);
  }
  return found;
}

/** The bit of a check in a stored mask: its position in `QA_CHECK_IDS`, which never reorders (ids are only added). */
export function checkBit(checkId: QaCheckId): number {
  return 2 ** QA_CHECK_IDS.indexOf(checkId);
}

/** Every check's bit set: the mask for "any issue". */
export const anyCheckMask = 2 ** QA_CHECK_IDS.length - 1;

/** The checks that found something, as a mask. */
export function issueMask(issues: readonly QaIssue[]): number {
  let mask = 0;
  for (const issue of issues) mask |= checkBit(issue.checkId);
  return mask;
}

/** A settings object as the text a scan record keeps, to tell later whether results were made with other settings. */
export function settingsSignature(settings: QaSettings): string {
  return QA_CHECK_IDS.map((id) => `${id}=${settings.checks[id]}`).join(',');
}
