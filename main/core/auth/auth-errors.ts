/**
 * Typed failures of the OAuth flow, each with a sentence a translator can act on.
 *
 * Server text is never passed through verbatim: OAuth `error_description` values are trimmed to one short line of
 * printable text, and HTML error pages are described by their status only.
 */
import type { ErrorCode } from '../../../common/errors';
import { LocdeskError } from '../errors';

/** A failure while talking to the token endpoint. */
export class OAuthError extends LocdeskError {
  /** The RFC 6749 `error` value, when the server sent one. */
  public readonly oauthError: string | null;
  public readonly status: number | null;

  public constructor(code: ErrorCode, message: string, details: { oauthError?: string | null; status?: number | null; cause?: unknown } = {}) {
    super(code, message, { cause: details.cause });
    this.name = 'OAuthError';
    this.oauthError = details.oauthError ?? null;
    this.status = details.status ?? null;
  }
}

/** Reduces a server-supplied description to one short line of plain text. */
export function sanitizeDescription(text: unknown): string {
  if (typeof text !== 'string') return '';
  const line = text.replace(/[\p{Cc}<>]/gu, ' ').replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/** Builds the error for an OAuth error body. */
export function oauthErrorFromBody(body: { error?: unknown; error_description?: unknown }, status: number, during: 'exchange' | 'refresh'): OAuthError {
  const error = typeof body.error === 'string' ? body.error : 'invalid_request';
  const description = sanitizeDescription(body.error_description);
  const detail = description === '' ? '' : ` (Lokalise said: ${description})`;
  if (error === 'invalid_client' || error === 'unauthorized_client') {
    return new OAuthError(
      'auth.invalid_client',
      'Lokalise did not accept this app’s client id or secret. Check LOCDESK_CLIENT_ID and LOCDESK_CLIENT_SECRET.',
      { oauthError: error, status },
    );
  }
  if (during === 'refresh' && (error === 'invalid_grant' || error === 'invalid_request')) {
    return new OAuthError('auth.session_expired', 'Your Lokalise session has expired or was revoked. Sign in again to sync; your offline library stays available.', {
      oauthError: error,
      status,
    });
  }
  if (error === 'invalid_grant') {
    return new OAuthError('auth.exchange_failed', `The sign-in code was not accepted: it may have expired or been used already. Please sign in again${detail}.`, {
      oauthError: error,
      status,
    });
  }
  return new OAuthError('auth.exchange_failed', `Lokalise refused the sign-in${detail}. Please try again.`, { oauthError: error, status });
}

/** The error for a non-JSON answer such as an HTML error page from a proxy or the server. */
export function unexpectedResponseError(status: number): OAuthError {
  if (status === 407) {
    return new OAuthError('network.proxy_auth', 'Your network’s proxy asked for a password that Locdesk cannot provide (HTTP 407).', { status });
  }
  const code = status >= 500 || status === 429 || status === 408 ? 'auth.server_error' : 'auth.exchange_failed';
  return new OAuthError(code, `Lokalise returned an unexpected page (HTTP ${status}) instead of a sign-in answer. Try again in a moment.`, { status });
}

/** The error for a request that never got an answer. */
export function networkError(cause: unknown): OAuthError {
  return new OAuthError('network.offline', 'Lokalise could not be reached. Check your internet connection and try again.', { cause });
}

/** The error for a request the network accepted and then left unanswered (a captive portal, a dead proxy). */
export function noAnswerError(cause: unknown): OAuthError {
  return new OAuthError(
    'network.no_answer',
    'Lokalise is not answering. Check your internet connection; a network that wants you to sign in first (hotel or office Wi-Fi), a proxy or a VPN can hold requests like this.',
    { cause },
  );
}
