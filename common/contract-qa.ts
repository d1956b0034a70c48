/**
 * The QA part of the contract (issue 20, parts 4–5): a project-wide scan of every translation with the checks of
 * `common/qa/`, run in the background after each sync and on demand, and each project's choice of checks.
 *
 * In a file of its own so the contract's main file stays readable and the write-path work can grow beside it;
 * `contract.ts` imports these schemas into `calls`, `events`, `KeyQuery` and `TranslationCell`.
 */
import { z } from 'zod';
import { QA_CHECK_IDS, QaCheckIdSchema, QaIssueSchema, QaSettingsSchema } from './qa';

const projectId = z.string().min(1).max(100).regex(/^[A-Za-z0-9.:_-]+$/, 'a Lokalise project id');
const isoCode = z.string().min(2).max(20).regex(/^[A-Za-z0-9_-]+$/, 'a language code such as en or zh_CN');

/**
 * The grid's QA filter: keys with any local QA issue (`any`), or with an issue of one check, in the query's target
 * languages (every language of the project when the query names none).
 */
export const KeyQaFilterSchema = z.union([z.literal('any'), QaCheckIdSchema]);
export type KeyQaFilter = z.infer<typeof KeyQaFilterSchema>;

/**
 * One issue of a translation as a key page carries it: a `QaIssue` without its `token` field. The message names the
 * token and `range` finds it in the text; and the contract keeps every field named like a credential out on
 * principle (main/ipc/ipc.test.ts), which a field called `token` would defeat.
 */
export const CellQaIssueSchema = QaIssueSchema.omit({ token: true });
export type CellQaIssue = z.infer<typeof CellQaIssueSchema>;

/** The issues of one translation, as a key page shows them (computed with the project's current settings). */
export const CellQaSchema = z.array(CellQaIssueSchema);

/** Where a project's scan stands; one event per change, a few per second at most while it runs. */
export const QaProgressSchema = z
  .object({
    projectId: z.string(),
    status: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
    /** Keys checked so far (each in every target language). */
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    /** A sentence for a failure, already safe to show; null otherwise. */
    message: z.string().nullable(),
  })
  .strict();
export type QaProgress = z.infer<typeof QaProgressSchema>;

/** How many keys have an issue of each check (and of any check), for the filter menu. */
export const QaCountsSchema = z
  .object({
    any: z.number().int().nonnegative(),
    byCheck: z.object(Object.fromEntries(QA_CHECK_IDS.map((id) => [id, z.number().int().nonnegative()])) as Record<(typeof QA_CHECK_IDS)[number], z.ZodNumber>).strict(),
  })
  .strict();
export type QaCounts = z.infer<typeof QaCountsSchema>;

/** Counts of a project with no issues found (or not scanned yet). */
export function emptyQaCounts(): QaCounts {
  return { any: 0, byCheck: Object.fromEntries(QA_CHECK_IDS.map((id) => [id, 0])) as QaCounts['byCheck'] };
}

/** A project's QA results: whether they are current, and the counts behind the filter menu. */
export const QaStatusSchema = z
  .object({
    projectId: z.string(),
    progress: QaProgressSchema,
    /** True when the stored results cover the current snapshot with the current settings. */
    upToDate: z.boolean(),
    /** When the last complete scan finished; null before the first. */
    scannedAt: z.number().int().nonnegative().nullable(),
    /** Counts in the languages asked for (every target language when none). */
    counts: QaCountsSchema,
  })
  .strict();
export type QaStatus = z.infer<typeof QaStatusSchema>;

/** The argument lists of the QA calls, for `calls.qa` in contract.ts. */
export const qaArguments = {
  /** A project, and the languages to count issues in (empty: all of the project's target languages). */
  status: z.tuple([projectId, z.array(isoCode).max(50)]),
  project: z.tuple([projectId]),
  updateSettings: z.tuple([projectId, QaSettingsSchema]),
} as const;

export { QaSettingsSchema };
