/**
 * Values and comparisons of the write path, as pure functions: how a committed value is checked against its key,
 * how a library cell or a server translation becomes a snapshot, and the 3-way rule the push applies.
 *
 * What counts as "the same": the text (for a plural key, the forms compared form by form, so key order and an
 * absent-vs-empty form do not matter) and `is_reviewed`. `is_unverified` alone does not make a conflict: Lokalise
 * flips it by itself (a change to the base language marks every other language unverified), and counting that as
 * someone else's edit would turn every base-language fix into conflicts in all other languages.
 */
import type { EditValue, TranslationCell, TranslationSnapshot } from '../../../common/contract';
import type { LokaliseTranslation } from '../lokalise/types';
import { editError } from './edit-errors';

/** A committed value in both shapes the outbox stores: text (JSON of the forms for plural keys) and the forms. */
export interface NormalizedValue {
  readonly value: string;
  readonly pluralForms: Readonly<Record<string, string>> | null;
}

/**
 * Checks `value` against the key: a plural key takes an object of its language's forms (missing forms become empty;
 * unknown ones are refused), any other key plain text. Throws `edits.invalid_value`.
 */
export function normalizeValue(value: EditValue, isPlural: boolean, pluralForms: readonly string[]): NormalizedValue {
  if (!isPlural) {
    if (typeof value !== 'string') throw editError('edits.invalid_value', 'This key is not plural: give its translation as plain text.');
    return { value, pluralForms: null };
  }
  if (typeof value === 'string') {
    if (value === '') return { value: '', pluralForms: Object.fromEntries(pluralForms.map((form) => [form, ''])) };
    throw editError('edits.invalid_value', `This key is plural: give its forms (${pluralForms.join(', ')}).`);
  }
  const unknown = Object.keys(value).filter((form) => !pluralForms.includes(form));
  if (unknown.length > 0) throw editError('edits.invalid_value', `This language has no plural form ${unknown.join(', ')}; its forms are ${pluralForms.join(', ')}.`);
  const forms = Object.fromEntries(pluralForms.map((form) => [form, value[form] ?? '']));
  const empty = Object.values(forms).every((form) => form === '');
  return { value: empty ? '' : JSON.stringify(forms), pluralForms: forms };
}

/** The base an edit starts from, from the library's cell (null cell: the translation was never synced). */
export function snapshotOfCell(cell: TranslationCell | undefined): TranslationSnapshot {
  if (cell === undefined) return { value: '', pluralForms: null, isReviewed: false, isUnverified: false, modifiedAt: null, modifiedBy: null };
  return { value: cell.value, pluralForms: cell.pluralForms, isReviewed: cell.isReviewed, isUnverified: cell.isUnverified, modifiedAt: cell.modifiedAt, modifiedBy: null };
}

/** The server's copy as a snapshot. */
export function snapshotOfTranslation(translation: LokaliseTranslation): TranslationSnapshot {
  return {
    value: translation.value,
    pluralForms: translation.pluralForms,
    isReviewed: translation.isReviewed,
    isUnverified: translation.isUnverified,
    modifiedAt: translation.modifiedAt,
    modifiedBy: translation.modifiedByEmail === undefined || translation.modifiedByEmail === '' ? null : translation.modifiedByEmail,
  };
}

/** The forms of a value, or null for plain text; a plural value stored as JSON text is decoded. */
function formsOf(value: string, pluralForms: Readonly<Record<string, string>> | null): Readonly<Record<string, string>> | null {
  if (pluralForms !== null) return pluralForms;
  if (!value.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(value) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, string>) : null;
  } catch {
    return null;
  }
}

/** True when two values say the same thing (plural forms compared form by form; absent equals empty). */
export function sameText(a: NormalizedValue, b: NormalizedValue): boolean {
  const formsA = formsOf(a.value, a.pluralForms);
  const formsB = formsOf(b.value, b.pluralForms);
  if (formsA === null || formsB === null) {
    if (formsA !== null) return Object.values(formsA).every((form) => form === '') && b.value === '';
    if (formsB !== null) return Object.values(formsB).every((form) => form === '') && a.value === '';
    return a.value === b.value;
  }
  const names = new Set([...Object.keys(formsA), ...Object.keys(formsB)]);
  for (const name of names) if ((formsA[name] ?? '') !== (formsB[name] ?? '')) return false;
  return true;
}

/** What the push does with one edit, given the server's copy now. */
export type Verdict = 'write' | 'alreadyThere' | 'conflict';

/** The edit's side of the comparison. */
export interface Mine extends NormalizedValue {
  readonly isReviewed: boolean | null;
  readonly isUnverified: boolean | null;
}

/**
 * The 3-way rule: the server already holds mine → nothing to write (this also makes a write whose answer was lost
 * safe to repeat); the server still holds the base → write; anything else → conflict, nothing written.
 */
export function compare(base: TranslationSnapshot, mine: Mine, server: TranslationSnapshot): Verdict {
  const serverHasMine = sameText(server, mine) && (mine.isReviewed === null || mine.isReviewed === server.isReviewed) && (mine.isUnverified === null || mine.isUnverified === server.isUnverified);
  if (serverHasMine) return 'alreadyThere';
  if (sameText(server, base) && server.isReviewed === base.isReviewed) return 'write';
  return 'conflict';
}
