/**
 * What a grid cell says, as plain data: the compact one-line text of a translation (plural forms joined as
 * `one · other`), the text copied from it, and its review status. Kept free of React so the row render stays a
 * cheap lookup and the rules can be tested on their own.
 */
import type { Language, TranslationCell } from '../../../../common/contract';

/** A cell's state as a translator reads it in Lokalise: nothing yet, a draft to check, done, or signed off. */
export type CellStatus = 'untranslated' | 'unverified' | 'translated' | 'reviewed';

/** The status shown for `cell`: untranslated wins, then unverified (it needs a look), then reviewed. */
export function cellStatus(cell: TranslationCell | undefined): CellStatus {
  if (cell === undefined || cell.isEmpty) return 'untranslated';
  if (cell.isUnverified) return 'unverified';
  return cell.isReviewed ? 'reviewed' : 'translated';
}

/** The words read out for each status, also the tooltip of its icon. */
export const statusLabels: Record<CellStatus, string> = {
  untranslated: 'Untranslated',
  unverified: 'Unverified',
  translated: 'Translated, not reviewed',
  reviewed: 'Reviewed',
};

/** A plural cell's forms in the language's own CLDR order, then any the language does not list. */
export function orderedForms(cell: TranslationCell, language: Language | undefined): [form: string, text: string][] {
  const forms = cell.pluralForms ?? {};
  const order = language !== undefined && language.pluralForms.length > 0 ? language.pluralForms : Object.keys(forms);
  const extra = Object.keys(forms).filter((form) => !order.includes(form));
  return [...order, ...extra].map((form) => [form, forms[form] ?? '']);
}

/** The one-line text of a cell: its value, or its filled plural forms joined by ` · ` (`1 file · {n} files`). */
export function compactText(cell: TranslationCell, language: Language | undefined): string {
  if (cell.pluralForms === null) return cell.value;
  return orderedForms(cell, language)
    .map(([, text]) => text)
    .filter((text) => text !== '')
    .join(' · ');
}

/** The text Ctrl/Cmd+C copies from a cell: the value, or one `form: text` line per plural form. */
export function copyText(cell: TranslationCell, language: Language | undefined): string {
  if (cell.pluralForms === null) return cell.value;
  return orderedForms(cell, language)
    .map(([form, text]) => `${form}: ${text}`)
    .join('\n');
}

/** `dir` and `lang` attributes for text in `language` (Lokalise writes `zh_CN`; HTML wants `zh-CN`). */
export function textDirection(iso: string, language: Language | undefined): { dir: 'rtl' | 'ltr'; lang: string } {
  return { dir: language?.isRtl === true ? 'rtl' : 'ltr', lang: iso.replace('_', '-') };
}
