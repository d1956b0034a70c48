/**
 * Which plural fields the editor shows for a language: the forms the project's language has in Lokalise
 * (`plural_forms`, which is what Lokalise will accept), else the language's CLDR categories from
 * `Intl.PluralRules`, in CLDR order; `other` alone when neither is known (every language has it).
 */
import type { Language } from '../../../common/contract';
import { languageInfo, sortCategories } from '../../../common/qa/language';

/** The plural categories to edit for `languageIso`, in CLDR order (`zero, one, two, few, many, other`). */
export function pluralCategoriesFor(languageIso: string, language: Language | undefined): string[] {
  if (language !== undefined && language.pluralForms.length > 0) return sortCategories(language.pluralForms);
  return [...(languageInfo(languageIso).pluralCategories ?? ['other'])];
}

/** The forms to show: every category of the language, plus any extra form the value already has (kept, never dropped). */
export function formsToShow(categories: readonly string[], value: Readonly<Record<string, string>>): string[] {
  return [...categories, ...sortCategories(Object.keys(value).filter((form) => !categories.includes(form)))];
}

/** A BCP 47 tag for the `lang` attribute from a Lokalise code (`pt_BR` → `pt-BR`). */
export function languageTag(languageIso: string): string {
  return languageIso.replace(/_/g, '-');
}
