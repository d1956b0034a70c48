/**
 * What the checks need to know about a language, from its Lokalise code: its BCP 47 tag, its CLDR plural
 * categories, which categories stand for exactly one number, and a few writing habits (scripts without spaces,
 * Greek's question mark, Spanish's opening marks). Computed once per code and cached: the project-wide scan asks
 * for the same ten languages a million times.
 */

/** CLDR's order of plural categories, used to list them the way translators know them. */
const categoryOrder = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** Languages written without spaces between words: no trailing space is expected before the next part. */
const unspacedLanguages = new Set(['ja', 'zh', 'yue', 'th', 'lo', 'km', 'my', 'bo']);

/** Languages that end a sentence without a full stop, so a source's period may disappear. */
const periodlessLanguages = new Set(['th', 'lo']);

/** What the checks know about one language. */
export interface LanguageInfo {
  /** The code as given (Lokalise's, e.g. `zh_CN`). */
  readonly code: string;
  /** The BCP 47 tag (`zh-CN`), or null when the code is not a valid one. */
  readonly tag: string | null;
  /** The primary language subtag, lower case (`zh`). */
  readonly base: string;
  /** Plural rules of the language, or null when the runtime does not know it (no guessing with English rules). */
  readonly pluralRules: Intl.PluralRules | null;
  /** The CLDR plural categories in CLDR order, or null when unknown. */
  readonly pluralCategories: readonly string[] | null;
  /**
   * Categories that stand for exactly one whole number (English `one` is 1 only; Russian `one` is 1, 21, 31…). A
   * form for one number may spell it out ("One file"), so it may leave out the count placeholder, as gettext allows.
   */
  readonly singleNumberCategories: ReadonlySet<string>;
  /** The plural category of a whole number (cached up to 1000; `Intl.PluralRules.select` is slow); null when unknown. */
  readonly categoryOf: (value: number) => string | null;
  readonly writtenWithoutSpaces: boolean;
  readonly endsSentencesWithoutPeriod: boolean;
}

const cache = new Map<string, LanguageInfo>();

/** Lokalise's code (`pt_BR`, `sr_Latn`, `ar_001`) as a canonical BCP 47 tag, or null when it is not one. */
export function toLanguageTag(code: string): string | null {
  const candidate = code.trim().replace(/_/g, '-');
  if (candidate === '') return null;
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? null;
  } catch {
    const base = candidate.split('-')[0] ?? '';
    try {
      return Intl.getCanonicalLocales(base)[0] ?? null;
    } catch {
      return null;
    }
  }
}

/** Sorts plural categories in CLDR order (`zero, one, two, few, many, other`); unknown names go last. */
export function sortCategories(categories: Iterable<string>): string[] {
  const rank = (category: string): number => {
    const index = categoryOrder.indexOf(category);
    return index < 0 ? categoryOrder.length : index;
  };
  return [...categories].sort((left, right) => rank(left) - rank(right) || left.localeCompare(right));
}

function singleNumberCategories(rules: Intl.PluralRules, categories: readonly string[]): Set<string> {
  const counts = new Map<string, number>(categories.map((category) => [category, 0]));
  // Whole numbers up to 1000 cover every CLDR integer rule's pattern (they repeat by 10, 100 or 1000), and the
  // large ones catch rules such as French `many` (1 000 000, …).
  const samples = Array.from({ length: 1001 }, (_, index) => index).concat([10_000, 100_000, 1_000_000, 10_000_000]);
  for (const sample of samples) {
    const category = rules.select(sample);
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count === 1).map(([category]) => category));
}

function describe(code: string): LanguageInfo {
  const tag = toLanguageTag(code);
  const base = (tag ?? code).split(/[-_]/)[0]?.toLowerCase() ?? '';
  let pluralRules: Intl.PluralRules | null = null;
  if (tag !== null && Intl.PluralRules.supportedLocalesOf([tag]).length > 0) pluralRules = new Intl.PluralRules(tag);
  const pluralCategories = pluralRules === null ? null : sortCategories(pluralRules.resolvedOptions().pluralCategories);
  const rules = pluralRules;
  const small: (string | undefined)[] = [];
  const categoryOf = (value: number): string | null => {
    if (rules === null) return null;
    if (value > 1000 || !Number.isInteger(value)) return rules.select(value);
    let category = small[value];
    if (category === undefined) {
      category = rules.select(value);
      small[value] = category;
    }
    return category;
  };
  return {
    code,
    tag,
    categoryOf,
    base,
    pluralRules,
    pluralCategories,
    singleNumberCategories: pluralRules === null || pluralCategories === null ? new Set() : singleNumberCategories(pluralRules, pluralCategories),
    writtenWithoutSpaces: unspacedLanguages.has(base),
    endsSentencesWithoutPeriod: periodlessLanguages.has(base),
  };
}

/** What the checks know about the language with this Lokalise code (cached). */
export function languageInfo(code: string): LanguageInfo {
  let info = cache.get(code);
  if (info === undefined) {
    info = describe(code);
    cache.set(code, info);
  }
  return info;
}
