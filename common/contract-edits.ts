/**
 * The write path's part of the contract: offline edits (the outbox), pushing them with a 3-way check, resolving
 * conflicts, exporting what is pending, and what the signed-in user may write (`contributors/me`).
 *
 * Kept beside `contract.ts` rather than inside it so the edit calls can grow without turning the main contract into
 * one long file; `contract.ts` merges `editCalls`, `editEvents` and `contributorCalls` into its tables, so the
 * preload, the IPC router and the harnesses see them like every other call.
 *
 * An edit is the most valuable thing on the machine: nothing in these shapes ever drops a translator's text. A
 * rejected, orphaned or conflicting edit keeps `value`; only `discard` or `resolve … takeTheirs` removes one.
 */
import { z } from 'zod';
import { errorCodes } from './errors';

const isoCode = z.string().min(2).max(20).regex(/^[A-Za-z0-9_-]+$/, 'a language code such as en or zh_CN');
const projectId = z.string().min(1).max(100).regex(/^[A-Za-z0-9.:_-]+$/, 'a Lokalise project id');
const keyId = z.number().int().positive();
const editId = z.number().int().positive();
const epochMs = z.number().int().nonnegative();
const text = z.string().max(100_000);

/**
 * Where an edit stands:
 * - `pending`: saved on this machine, waiting to be pushed;
 * - `pushing`: part of the push under way;
 * - `conflict`: someone changed the translation on Lokalise since the edit began; nothing was written;
 * - `orphaned`: the key or translation was deleted on Lokalise; the text is kept and can be exported;
 * - `rejected`: Lokalise refused it (see `reason` and `message`); the text is kept;
 * - `held`: a QA check holds it until the translator confirms it (`edits.confirmQa`).
 * A pushed edit leaves the outbox: the library then holds its value as the synced one.
 */
export const EditStateSchema = z.enum(['pending', 'pushing', 'conflict', 'orphaned', 'rejected', 'held']);
export type EditState = z.infer<typeof EditStateSchema>;

/** Why an edit is rejected, orphaned or held, so the view can say what to do next. */
export const EditReasonSchema = z.enum([
  /** `contributors/me` or Lokalise's 403 says this language is not writable for you. */
  'notWritable',
  /** The sign-in lacks `write_translations`: sign in again to grant it (re-consent). */
  'scopeMissing',
  /** Lokalise answered 400; `message` carries its sentence. */
  'badRequest',
  /** The key or translation is gone on Lokalise (404). */
  'notFound',
  /** A QA check found a problem; the edit waits for the translator's confirmation. */
  'qaHold',
]);
export type EditReason = z.infer<typeof EditReasonSchema>;

/** A translation's value: text, or the forms of a plural key by CLDR category (`one`, `other`, …). */
export const EditValueSchema = z.union([text, z.record(z.string().min(1).max(20), text)]);
export type EditValue = z.infer<typeof EditValueSchema>;

/** One side of a comparison (the base the edit began from, or the server's current copy). */
export const TranslationSnapshotSchema = z
  .object({
    /** Plain text; for a plural key, the forms as Lokalise's JSON string (see `pluralForms` for the decoded forms). */
    value: z.string(),
    pluralForms: z.record(z.string(), z.string()).nullable(),
    isReviewed: z.boolean(),
    isUnverified: z.boolean(),
    /** Lokalise's `modified_at_timestamp` in milliseconds, or null when unknown. */
    modifiedAt: epochMs.nullable(),
    /** Who made that version, when Lokalise said (an e-mail or a name); null when unknown. */
    modifiedBy: z.string().nullable(),
  })
  .strict();
export type TranslationSnapshot = z.infer<typeof TranslationSnapshotSchema>;

/** One edit in the outbox, with everything the conflict view and the export need. */
export const EditSchema = z
  .object({
    editId,
    projectId: z.string(),
    keyId: z.number().int(),
    /** The key's name at the time of the edit (the library may have lost the key since). */
    keyName: z.string(),
    languageIso: z.string(),
    isPlural: z.boolean(),
    state: EditStateSchema,
    /** Mine: the translator's text (plain text, or the plural forms as a JSON string). */
    value: z.string(),
    pluralForms: z.record(z.string(), z.string()).nullable(),
    /** Requested flags; null leaves the flag as the server has it. */
    isReviewed: z.boolean().nullable(),
    isUnverified: z.boolean().nullable(),
    /** What the server held when the edit began (kept across re-edits of the same translation). */
    base: TranslationSnapshotSchema,
    /** The server's copy at the last push when it differs from the base (`conflict`), else null. */
    theirs: TranslationSnapshotSchema.nullable(),
    reason: EditReasonSchema.nullable(),
    /** Lokalise's own sentence for a rejection, or Locdesk's for a hold; null otherwise. */
    message: z.string().nullable(),
    /** The translator confirmed pushing despite QA findings. */
    qaConfirmed: z.boolean(),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .strict();
export type Edit = z.infer<typeof EditSchema>;

/** What `edits.commit` saves: one translation's new value and optional flags. */
export const EditCommitSchema = z
  .object({
    projectId,
    keyId,
    languageIso: isoCode,
    value: EditValueSchema,
    isReviewed: z.boolean().optional(),
    isUnverified: z.boolean().optional(),
  })
  .strict();
export type EditCommitInput = z.input<typeof EditCommitSchema>;

/** Which edits `edits.list` returns; an empty or absent `states` means every state. */
export const EditFilterSchema = z
  .object({
    states: z.array(EditStateSchema).max(6).default([]),
    keyIds: z.array(keyId).max(1000).default([]),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(1000),
  })
  .strict();
export type EditFilterInput = z.input<typeof EditFilterSchema>;

/** Counts of edits per state. */
export const EditCountsSchema = z
  .object({
    pending: z.number().int().nonnegative(),
    pushing: z.number().int().nonnegative(),
    conflict: z.number().int().nonnegative(),
    orphaned: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    held: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  })
  .strict();
export type EditCounts = z.infer<typeof EditCountsSchema>;

/** The push bar's numbers: for the asked project (null when none was asked) and across every project. */
export const EditSummarySchema = z
  .object({
    project: EditCountsSchema.nullable(),
    overall: EditCountsSchema,
    /** Projects with at least one edit, with their counts. */
    projects: z.array(z.object({ projectId: z.string(), counts: EditCountsSchema }).strict()),
  })
  .strict();
export type EditSummary = z.infer<typeof EditSummarySchema>;

/** Where a push stands; the same shape is the `edits.onPushProgress` payload. */
export const PushStatusSchema = z
  .object({
    status: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
    /** The project being pushed, or null for "every project". */
    projectId: z.string().nullable(),
    /** Edits handled so far out of `total` in this push. */
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    pushed: z.number().int().nonnegative(),
    /** Already equal on the server: done without writing. */
    alreadyThere: z.number().int().nonnegative(),
    conflicts: z.number().int().nonnegative(),
    orphaned: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    held: z.number().int().nonnegative(),
    /** Edits written although QA warned about them (warnings inform; only errors hold an edit back). */
    warnings: z.number().int().nonnegative(),
    /** Requests sent to Lokalise by this push. */
    requests: z.number().int().nonnegative(),
    /** Set while a request waits to be tried again (rate limit, no answer, …); null otherwise. */
    retry: z.object({ reason: z.enum(['rateLimited', 'notAnswering', 'unreachable', 'serverTrouble']), at: epochMs }).strict().nullable(),
    /** Why a push stopped early (offline, signed out, scope missing), as a code the view can branch on. */
    errorCode: z.enum(errorCodes).nullable(),
    message: z.string().nullable(),
    startedAt: epochMs.nullable(),
    finishedAt: epochMs.nullable(),
  })
  .strict();
export type PushStatus = z.infer<typeof PushStatusSchema>;

/** How the translator settles a conflict (or re-targets any edit). */
export const ResolutionSchema = z.discriminatedUnion('kind', [
  /** Keep my value and push it against the server's current copy (theirs becomes the new base). */
  z.object({ kind: z.literal('keepMine') }).strict(),
  /** Drop my edit; the server's copy wins and is applied to the library. */
  z.object({ kind: z.literal('takeTheirs') }).strict(),
  /** A value the translator merged by hand, pushed against theirs as the new base. */
  z.object({ kind: z.literal('merged'), value: EditValueSchema }).strict(),
]);
export type Resolution = z.infer<typeof ResolutionSchema>;

/** The outcome of an export: the file written, or cancelled at the save dialog. */
export const EditExportResultSchema = z
  .object({ cancelled: z.boolean(), path: z.string().nullable(), count: z.number().int().nonnegative() })
  .strict();
export type EditExportResult = z.infer<typeof EditExportResultSchema>;

/** The marker a key page cell carries when the translation has an edit in the outbox (shown over the synced value). */
export const CellEditSchema = z
  .object({
    editId,
    state: EditStateSchema,
    value: z.string(),
    pluralForms: z.record(z.string(), z.string()).nullable(),
    isReviewed: z.boolean().nullable(),
    isUnverified: z.boolean().nullable(),
  })
  .strict();
export type CellEdit = z.infer<typeof CellEditSchema>;

/** What the signed-in user may do in one project, from `contributors/me` (cached for offline use). */
export const ContributorSchema = z
  .object({
    languages: z.array(z.object({ iso: z.string(), isWritable: z.boolean() }).strict()),
    isReviewer: z.boolean(),
    isAdmin: z.boolean(),
    /** When Lokalise last said so; the answer may be from the offline cache. */
    fetchedAt: epochMs,
  })
  .strict();
export type Contributor = z.infer<typeof ContributorSchema>;

/** The `edits.onChanged` payload: which projects' edits changed, and the new overall counts. */
export const EditsChangedSchema = z.object({ projectIds: z.array(z.string()), overall: EditCountsSchema }).strict();
export type EditsChanged = z.infer<typeof EditsChangedSchema>;

const ids = z.array(editId).min(1).max(100_000);

/** The `edits` calls, as `[channel, args, result]` triples that `contract.ts` turns into call specs. */
export const editCallShapes = {
  /** Saves one edit durably (answers only once it is on disk); re-editing keeps the first base. */
  commit: ['edits:commit', z.tuple([EditCommitSchema]), EditSchema],
  list: ['edits:list', z.tuple([projectId.nullable(), EditFilterSchema]), z.array(EditSchema)],
  summary: ['edits:summary', z.tuple([projectId.nullable()]), EditSummarySchema],
  /** Starts a background push of a project's edits (null: every project), or only of `editIds`. */
  push: ['edits:push', z.tuple([projectId.nullable(), z.array(editId).max(100_000).nullable()]), PushStatusSchema],
  cancelPush: ['edits:cancel-push', z.tuple([]), PushStatusSchema],
  pushStatus: ['edits:push-status', z.tuple([]), PushStatusSchema],
  /** Settles one edit; answers the edit as it now stands, or null when it left the outbox (take theirs). */
  resolve: ['edits:resolve', z.tuple([editId, ResolutionSchema]), EditSchema.nullable()],
  /** Bulk keep-mine / take-theirs for a list of conflicts; answers how many were settled. */
  resolveMany: ['edits:resolve-many', z.tuple([ids, z.enum(['keepMine', 'takeTheirs'])]), z.number().int().nonnegative()],
  /** Removes edits from the outbox for good; answers how many. */
  discard: ['edits:discard', z.tuple([ids]), z.number().int().nonnegative()],
  /** Confirms held edits despite QA findings, so the next push sends them; answers how many. */
  confirmQa: ['edits:confirm-qa', z.tuple([ids]), z.number().int().nonnegative()],
  /** Writes pending, orphaned, rejected and conflicting edits to a JSON file the translator picks in a save dialog. */
  export: ['edits:export', z.tuple([projectId.nullable()]), EditExportResultSchema],
} as const;

/** The `projects.contributor` call: my languages and rights in one project, or null when never fetched. */
export const contributorCallShape = ['projects:contributor', z.tuple([projectId]), ContributorSchema.nullable()] as const;

/** The `edits` events. */
export const editEvents = {
  onChanged: { channel: 'edits:changed', payload: EditsChangedSchema },
  onPushProgress: { channel: 'edits:push-progress', payload: PushStatusSchema },
} as const;

/** Counts with every state at zero. */
export function emptyEditCounts(): EditCounts {
  return { pending: 0, pushing: 0, conflict: 0, orphaned: 0, rejected: 0, held: 0, total: 0 };
}

/** A push that never ran. */
export const idlePushStatus: PushStatus = {
  status: 'idle',
  projectId: null,
  done: 0,
  total: 0,
  pushed: 0,
  alreadyThere: 0,
  conflicts: 0,
  orphaned: 0,
  rejected: 0,
  held: 0,
  warnings: 0,
  requests: 0,
  retry: null,
  errorCode: null,
  message: null,
  startedAt: null,
  finishedAt: null,
};
