/**
 * The translator's sentences for the `edits.*` error codes, in one table so every place that raises one says the
 * same thing, and a test can check that each code has its sentence.
 */
import type { ErrorCode } from '../../../common/errors';
import { LocdeskError } from '../errors';

/** The `edits.*` codes. */
export type EditErrorCode = Extract<ErrorCode, `edits.${string}`>;

/** What each code tells the translator, with the way forward. */
export const editErrorMessages: Readonly<Record<EditErrorCode, string>> = {
  'edits.unavailable': 'Your edits cannot be saved on this computer right now. Check that the disk is not full or read-only; nothing you saved before is lost.',
  'edits.unknown_edit': 'That edit is no longer waiting to be pushed. It may have been pushed or discarded already.',
  'edits.unknown_key': 'That key or language is not in your offline library. Sync the project, then edit it again.',
  'edits.invalid_value': 'That value does not fit this key: a plural key needs its plural forms, any other key plain text.',
  'edits.read_only': 'You can read this language but not edit it in Lokalise. Ask a project admin for write access.',
  'edits.pending': 'You have edits that are not pushed yet. Push or export them first, or confirm that they may be discarded.',
  'edits.push_running': 'A push is already running. Wait for it to finish, or cancel it.',
  'edits.scope_missing': 'Your Lokalise sign-in does not let Locdesk save translations. Sign in again and allow it; your edits are kept.',
  'edits.export_failed': 'The edits could not be written to that file. Choose another folder and try again; your edits are kept.',
};

/** A `LocdeskError` with the code's sentence (or a more precise one). */
export function editError(code: EditErrorCode, message?: string, options?: { cause?: unknown }): LocdeskError {
  return new LocdeskError(code, message ?? editErrorMessages[code], options);
}
