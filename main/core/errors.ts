/**
 * The one error type that may cross into the renderer.
 *
 * Every failure a user can meet is raised as a `LocdeskError` with a stable `code` (for the UI to branch on) and a
 * message written for a translator, never for a developer. Anything else that escapes is treated as a bug and shown
 * as a generic sentence, so raw HTTP bodies, stack traces and credentials can never leak through an error.
 *
 * The code is typed to the closed list in `common/errors.ts`, so main cannot raise a code the renderer has never
 * heard of: a new kind of failure starts with a new entry there.
 */
import type { ErrorCode } from '../../common/errors';

export class LocdeskError extends Error {
  /** A stable identifier such as `auth.required` or `store.corrupt`. */
  public readonly code: ErrorCode;

  public constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocdeskError';
    this.code = code;
  }
}

/** Raised when work is stopped on purpose (cancel button, sign-out, quit), so callers can tell it from a failure. */
export class CancelledError extends LocdeskError {
  public constructor(message = 'The operation was cancelled.') {
    super('cancelled', message);
    this.name = 'CancelledError';
  }
}

/** True when `error` comes from an aborted signal or an explicit cancel. */
export function isCancellation(error: unknown): boolean {
  if (error instanceof CancelledError) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'CancelledError');
}

/** Throws a `CancelledError` when the signal has fired; call it between steps of long work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new CancelledError();
}

/** The `{code, message}` pair that is safe to show; unknown errors become a generic message. */
export function toSafeError(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof LocdeskError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Something went wrong inside Locdesk. Please try again.' };
}
