/**
 * Checks of a translation as a whole: is it there at all, and does a plural key have every form its language needs?
 * A missing or empty plural form shows nothing (or the wrong form) for the numbers it covers, so the message says
 * which numbers those are.
 */
import { sortCategories, type LanguageInfo } from '../language';
import { shown } from './context';

/** Part of a whole-translation issue; the entry point adds check id, severity and range. */
export interface PluralProblem {
  readonly form: string;
  readonly message: string;
}

const examplesCache = new Map<string, string>();

/** A few numbers a category covers in a language, e.g. "2, 3, 4, 22…" for Russian `few`. */
export function categoryExamples(language: LanguageInfo, category: string): string {
  const cacheKey = `${language.code}\u0000${category}`;
  let examples = examplesCache.get(cacheKey);
  if (examples === undefined) {
    const rules = language.pluralRules;
    const found: number[] = [];
    const candidates = Array.from({ length: 201 }, (_, index) => index).concat([1000, 10_000, 1_000_000]);
    if (rules !== null) for (const value of candidates) if (found.length < 4 && rules.select(value) === category) found.push(value);
    const formatted = found.map((value) => value.toLocaleString('en-US'));
    examples = found.length === 0 ? 'fractions' : found.length < 4 ? formatted.join(', ') : `${formatted.slice(0, 3).join(', ')}, ${formatted[3] ?? ''}…`;
    examplesCache.set(cacheKey, examples);
  }
  return examples;
}

/**
 * Forms the target language needs that are missing or empty. `required` is the project's list for the language
 * when known, else CLDR's; with neither (a language the runtime does not know), the forms present are required.
 */
export function findPluralProblems(target: Readonly<Record<string, string>>, language: LanguageInfo, required: readonly string[] | null): PluralProblem[] {
  const categories = sortCategories(required ?? language.pluralCategories ?? Object.keys(target));
  const problems: PluralProblem[] = [];
  for (const category of categories) {
    const text = target[category];
    const usedFor = language.pluralRules === null ? '' : ` (used for ${categoryExamples(language, category)})`;
    if (text === undefined) problems.push({ form: category, message: `The plural form ${shown(category)} is missing${usedFor}: this language needs it.` });
    else if (!/\S/u.test(text)) problems.push({ form: category, message: `The plural form ${shown(category)} is empty${usedFor}: fill it in.` });
  }
  return problems;
}
