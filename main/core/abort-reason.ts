/**
 * Why a signal was aborted, as the error the caller should answer with.
 *
 * A signal aborted with a `LocdeskError` as its reason carries a sentence the user should see: the session aborts
 * its calls with "your session has expired" when the refresh token is refused, and with "you signed out" on
 * sign-out. Every place that notices an abort answers with that reason instead of a bare "The operation was
 * cancelled.", so the call that discovered an expired session says so. A signal aborted without such a reason (the
 * Cancel button, the end of a page walk) stays a plain cancellation.
 */
import { CancelledError, LocdeskError } from './errors';

/** The error for an aborted `signal`: its reason when that is a `LocdeskError`, else a `CancelledError`. */
export function abortReason(signal: AbortSignal): LocdeskError {
  const reason: unknown = signal.reason;
  return reason instanceof LocdeskError ? reason : new CancelledError();
}

/** Throws `abortReason(signal)` when `signal` has fired; call it between steps of long work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw abortReason(signal);
}
