/**
 * Per-project QA settings as data: for every check, whether it runs and at which severity. Stored with the project
 * and sent over IPC, so the schema is lenient in one direction on purpose: settings written by another version of
 * Locdesk (a check added or retired since) still load, unknown ids dropped and missing ones at their defaults.
 */
import { z } from 'zod';
import { QA_CHECK_IDS, type QaCheckId, type QaIssue, type QaSeverity } from './types';

/** A check's setting: run it at this severity, or not at all. */
export const QaLevelSchema = z.enum(['error', 'warning', 'off']);
export type QaLevel = z.infer<typeof QaLevelSchema>;

/** What a settings screen shows for a check. */
export interface QaCheckInfo {
  readonly id: QaCheckId;
  /** The severity a project gets until someone changes it. */
  readonly defaultSeverity: QaSeverity;
  /** A short name for a list of checks or a grid filter. */
  readonly title: string;
  /** One sentence on what the check catches. */
  readonly description: string;
}

/**
 * Every check with its default. Errors are the mistakes that break an app build or its display (a lost
 * placeholder, broken ICU or markup, a missing plural form, a text over its limit); the rest inform.
 */
export const QA_CHECKS: readonly QaCheckInfo[] = [
  { id: 'placeholders', defaultSeverity: 'error', title: 'Placeholders', description: 'Placeholders and variables (%s, {name}, %{name}, {{name}}, [%s]) missing, extra or reordered compared with the source.' },
  { id: 'icuSyntax', defaultSeverity: 'error', title: 'ICU syntax', description: 'The translation of an ICU message is not a valid ICU message.' },
  { id: 'htmlTags', defaultSeverity: 'error', title: 'HTML tags', description: 'HTML or XML tags differ from the source, or are not closed properly.' },
  { id: 'pluralForms', defaultSeverity: 'error', title: 'Plural forms', description: 'A plural form the language needs is missing or empty.' },
  { id: 'charLimit', defaultSeverity: 'error', title: 'Character limit', description: "The translation is longer than the key's character limit." },
  { id: 'leadingWhitespace', defaultSeverity: 'warning', title: 'Leading space', description: 'Spaces or line breaks at the start differ from the source.' },
  { id: 'trailingWhitespace', defaultSeverity: 'warning', title: 'Trailing space', description: 'Spaces or line breaks at the end differ from the source.' },
  { id: 'doubleSpace', defaultSeverity: 'warning', title: 'Double space', description: 'Two spaces in a row where the source has none.' },
  { id: 'numbers', defaultSeverity: 'warning', title: 'Numbers', description: 'Numbers differ from the source (digit scripts and separators aside).' },
  { id: 'urls', defaultSeverity: 'warning', title: 'Links', description: 'Web addresses differ from the source.' },
  { id: 'emails', defaultSeverity: 'warning', title: 'E-mail addresses', description: 'E-mail addresses differ from the source.' },
  { id: 'unpairedBrackets', defaultSeverity: 'warning', title: 'Unpaired brackets', description: 'A bracket is opened and not closed, or closed and not opened.' },
  { id: 'unpairedQuotes', defaultSeverity: 'warning', title: 'Unpaired quotes', description: 'A quotation mark has no partner.' },
  { id: 'endPunctuation', defaultSeverity: 'warning', title: 'End punctuation', description: 'The translation ends with different punctuation than the source.' },
  { id: 'sameAsSource', defaultSeverity: 'warning', title: 'Same as source', description: 'The translation is identical to a source worth translating.' },
  { id: 'emptyTarget', defaultSeverity: 'warning', title: 'Empty translation', description: 'The translation is empty while the source is not.' },
];

const defaultLevels = Object.fromEntries(QA_CHECKS.map((check) => [check.id, check.defaultSeverity])) as Record<QaCheckId, QaLevel>;

const levelShape = Object.fromEntries(QA_CHECK_IDS.map((id) => [id, QaLevelSchema.catch(defaultLevels[id])])) as Record<
  QaCheckId,
  z.ZodCatch<typeof QaLevelSchema>
>;

/**
 * A project's QA settings. Parsing fills in missing checks with their defaults, replaces an unreadable level with
 * the default and drops ids it does not know, so stored settings never fail to load.
 */
export const QaSettingsSchema = z.object({ checks: z.object(levelShape).catch(() => ({ ...defaultLevels })) });
export type QaSettings = z.infer<typeof QaSettingsSchema>;

/** The settings a project has until someone changes them. */
export function defaultQaSettings(): QaSettings {
  return { checks: { ...defaultLevels } };
}

/** Reads stored or received settings; anything unreadable falls back to the defaults. */
export function readQaSettings(value: unknown): QaSettings {
  const parsed = QaSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : defaultQaSettings();
}

/** True when any issue is an error: the edit waits until the translator fixes it or confirms. */
export function blocksPush(issues: readonly QaIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}
