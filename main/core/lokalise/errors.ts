/**
 * Typed Lokalise API failures with messages a translator can act on, extracted from both error shapes
 * (`{"error":{"message","code"}}` and flat `{"message","code"}`) or, for HTML pages, from the status alone.
 */
import type { ErrorCode } from '../../../common/errors';
import { LocdeskError } from '../errors';

/** A failed API request. `status` is the HTTP status (0 when there was no response). */
export class LokaliseApiError extends LocdeskError {
  public readonly status: number;
  /** Lokalise's own sentence from the error body (one plain line), kept so a rejected edit can show it; or null. */
  public readonly serverMessage: string | null;

  public constructor(code: ErrorCode, message: string, status: number, options?: { cause?: unknown; serverMessage?: string | null }) {
    super(code, message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LokaliseApiError';
    this.status = status;
    this.serverMessage = options?.serverMessage ?? null;
  }
}

/** The server's own message from either JSON error shape, trimmed to one plain line; null when there is none. */
export function serverMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const nested = record.error;
  const candidate =
    typeof nested === 'object' && nested !== null && typeof (nested as Record<string, unknown>).message === 'string'
      ? (nested as Record<string, unknown>).message
      : typeof record.message === 'string'
        ? record.message
        : null;
  if (typeof candidate !== 'string') return null;
  const line = candidate.replace(/[\p{Cc}<>]/gu, ' ').replace(/\s+/g, ' ').trim();
  return line === '' ? null : line.slice(0, 200);
}

/** The error for a non-2xx answer. `isHtml` marks an error page rather than a JSON body. */
export function errorForStatus(status: number, message: string | null, isHtml: boolean, what: string): LokaliseApiError {
  const said = message === null ? '' : ` Lokalise said: "${message}".`;
  if (isHtml) {
    return new LokaliseApiError('lokalise.server', `Lokalise returned an error page (HTTP ${status}) while loading ${what}. Try again in a moment.`, status);
  }
  switch (status) {
    case 401:
      return new LokaliseApiError('auth.required', 'Lokalise no longer accepts this sign-in. Sign in again to sync.', status);
    case 403:
      return new LokaliseApiError('lokalise.forbidden', `You do not have access to ${what} in Lokalise.${said}`, status, { serverMessage: message });
    case 404:
      return new LokaliseApiError('lokalise.not_found', `Lokalise could not find ${what}; it may have been deleted or your access removed.`, status, { serverMessage: message });
    case 429:
      return new LokaliseApiError('lokalise.rate_limited', `Lokalise is limiting requests right now, so ${what} could not be loaded. Try again in a minute.`, status);
    default:
      if (status >= 500) return new LokaliseApiError('lokalise.server', `Lokalise had a problem (HTTP ${status}) while loading ${what}.${said} Try again in a moment.`, status);
      return new LokaliseApiError('lokalise.request', `Lokalise refused the request for ${what} (HTTP ${status}).${said}`, status, { serverMessage: message });
  }
}
