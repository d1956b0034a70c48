/**
 * The QA checks' public data: which checks exist, what a caller gives them and what they answer. Everything here
 * crosses process boundaries (renderer ↔ main over IPC, worker → main, the store), so each shape has a zod schema
 * beside its type and holds plain data only.
 */
import { z } from 'zod';

/**
 * Every check, by a stable id. Ids are stored with a project's settings and its scan results and shown as grid
 * filters, so an id is never renamed or reused; a new check gets a new id.
 */
export const QA_CHECK_IDS = [
  'placeholders',
  'icuSyntax',
  'htmlTags',
  'pluralForms',
  'charLimit',
  'leadingWhitespace',
  'trailingWhitespace',
  'doubleSpace',
  'numbers',
  'urls',
  'emails',
  'unpairedBrackets',
  'unpairedQuotes',
  'endPunctuation',
  'sameAsSource',
  'emptyTarget',
] as const;

export const QaCheckIdSchema = z.enum(QA_CHECK_IDS);
export type QaCheckId = z.infer<typeof QaCheckIdSchema>;

/** `error` holds an edit back before a push until the translator fixes it or confirms; `warning` only informs. */
export const QaSeveritySchema = z.enum(['error', 'warning']);
export type QaSeverity = z.infer<typeof QaSeveritySchema>;

/** A UTF-16 range in the text of the target (or of its plural form), for underlining the offending token. */
export const QaRangeSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).strict();
export type QaRange = z.infer<typeof QaRangeSchema>;

/** One problem found in a translation. */
export const QaIssueSchema = z
  .object({
    checkId: QaCheckIdSchema,
    severity: QaSeveritySchema,
    /** What is wrong and what to do, in plain words for a translator, naming the offending token. */
    message: z.string(),
    /** The offending text (a placeholder, tag, number, symbol…), or null when the issue is about the whole text. */
    token: z.string().nullable(),
    /** The plural category (`one`, `few`, …) the issue is in; null for a non-plural key or the key as a whole. */
    form: z.string().nullable(),
    /** Where the token sits in the target's text (of that form); null when it is missing from the target. */
    range: QaRangeSchema.nullable(),
  })
  .strict();
export type QaIssue = z.infer<typeof QaIssueSchema>;

/** A value as Lokalise keeps it: a string, or the plural forms of a plural key by CLDR category. */
export type QaText = string | Readonly<Record<string, string>>;

/** One translation to check, with what it must agree with. */
export interface QaInput {
  /** Lokalise language code of the source (base) language, e.g. `en`, `en_US`. */
  readonly sourceLanguage: string;
  /** Lokalise language code of the translation, e.g. `de`, `zh_CN`, `pt_BR`, `sr_Latn`. */
  readonly targetLanguage: string;
  /**
   * The source value. For a plural key, its forms (`{ one, other }`); Lokalise's wire form (the forms as a JSON
   * string) is accepted too.
   */
  readonly source: QaText;
  /** The translation, in the same shape as the source. */
  readonly target: QaText;
  /** Whether the key is plural; decides whether the values are read as plural forms. */
  readonly isPlural: boolean;
  /** The key's `char_limit`; 0 (Lokalise's "no limit") or absent means no limit. */
  readonly charLimit?: number;
  /**
   * The plural categories the target language has in the project (Lokalise's `plural_forms`), when known. They
   * decide which forms must be filled in, since a translator can only fill the fields Lokalise offers; without them
   * the CLDR categories of the language (`Intl.PluralRules`) are used.
   */
  readonly targetPluralForms?: readonly string[];
}
