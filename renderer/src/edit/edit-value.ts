/**
 * A translation's value as the editor holds it: a string, or a plural key's forms by category. Small helpers that
 * read it from a cell (the pending edit wins over the synced value) and compare two values.
 */
import type { TranslationCell } from '../../../common/contract';

/** A plain value or a plural key's forms. */
export type DraftValue = string | Readonly<Record<string, string>>;

/** The value the translator sees: their pending edit when there is one, else the synced value. */
export function cellValue(cell: TranslationCell, isPlural: boolean): DraftValue {
  const edit = cell.edit ?? null;
  if (isPlural) return edit !== null ? (edit.pluralForms ?? readForms(edit.value)) : (cell.pluralForms ?? readForms(cell.value));
  return edit !== null ? edit.value : cell.value;
}

/** Lokalise's plural JSON string (or a lone string) as forms. */
function readForms(value: string): Record<string, string> {
  if (value.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      }
    } catch {
      // Not plural JSON: the whole text is the `other` form.
    }
  }
  return value === '' ? {} : { other: value };
}

/** True when two values hold the same text (form order does not matter; an empty form equals a missing one). */
export function sameValue(left: DraftValue, right: DraftValue): boolean {
  if (typeof left === 'string' || typeof right === 'string') return left === right;
  const forms = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const form of forms) if ((left[form] ?? '') !== (right[form] ?? '')) return false;
  return true;
}

/** The text of one form (or of a plain value). */
export function formText(value: DraftValue, form: string | null): string {
  if (typeof value === 'string') return value;
  return value[form ?? 'other'] ?? '';
}

/** `value` with one form (or the plain value) replaced. */
export function withForm(value: DraftValue, form: string | null, text: string): DraftValue {
  if (typeof value === 'string' || form === null) return text;
  return { ...value, [form]: text };
}
