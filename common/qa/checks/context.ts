/**
 * What a check of one translated text (or one plural form of it) receives, and how it reports. Checks are pure:
 * they read the pair and call `report` for each problem; the entry point adds the check id, severity and form.
 */
import type { LanguageInfo } from '../language';
import type { TextAnalysis } from '../text/analysis';
import type { QaRange } from '../types';

/** A target text and the source text it answers to. */
export interface FormPair {
  /** The plural category of the target form; null for a non-plural key. */
  readonly form: string | null;
  /** The source text this form is compared with: the source form of the same category, else the source's `other`. */
  readonly source: TextAnalysis;
  /** The plural category of `source`; null for a non-plural key. */
  readonly sourceForm: string | null;
  /**
   * The source text placeholders are compared with: the source's `other` form for plural keys (the form that shows
   * every variable), the source itself otherwise.
   */
  readonly placeholderSource: TextAnalysis;
  readonly target: TextAnalysis;
  readonly sourceLanguage: LanguageInfo;
  readonly targetLanguage: LanguageInfo;
  /** The key's character limit; 0 for none. */
  readonly charLimit: number;
  /** True when this form stands for exactly one number (English `one`), so it may spell the number out. */
  readonly mayOmitCount: boolean;
}

/** One problem as a check describes it. */
export interface IssueDraft {
  readonly message: string;
  readonly token: string | null;
  readonly range: QaRange | null;
}

export type Report = (draft: IssueDraft) => void;

/** A check of one target text against its source. */
export type FormCheck = (pair: FormPair, report: Report) => void;

/** A token as messages show it: in quotation marks, so spaces and punctuation stay visible. */
export function shown(token: string): string {
  return `“${token}”`;
}

/** A range from a start and an end offset. */
export function span(start: number, end: number): QaRange {
  return { start, end };
}

/**
 * The items of `expected` not matched in `actual` and the items of `actual` not matched in `expected`, comparing by
 * `keyOf` (`actualKeyOf` for `actual` when the two sides need different keys) and counting repeats (two `%s` in the
 * source need two in the target).
 */
export function difference<T>(
  expected: readonly T[],
  actual: readonly T[],
  keyOf: (item: T) => string,
  actualKeyOf: (item: T) => string = keyOf,
): { missing: T[]; extra: T[] } {
  if (expected.length === 0 || actual.length === 0) return { missing: [...expected], extra: [...actual] };
  const [onlyExpected] = expected;
  const [onlyActual] = actual;
  if (expected.length === 1 && actual.length === 1 && onlyExpected !== undefined && onlyActual !== undefined && keyOf(onlyExpected) === actualKeyOf(onlyActual)) {
    return { missing: [], extra: [] };
  }
  const remaining = new Map<string, number>();
  for (const item of actual) remaining.set(actualKeyOf(item), (remaining.get(actualKeyOf(item)) ?? 0) + 1);
  const missing: T[] = [];
  for (const item of expected) {
    const key = keyOf(item);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    else missing.push(item);
  }
  const extra: T[] = [];
  const needed = new Map<string, number>();
  for (const item of expected) needed.set(keyOf(item), (needed.get(keyOf(item)) ?? 0) + 1);
  for (const item of actual) {
    const key = actualKeyOf(item);
    const left = needed.get(key) ?? 0;
    if (left > 0) needed.set(key, left - 1);
    else extra.push(item);
  }
  return { missing, extra };
}
