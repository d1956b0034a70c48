/**
 * The token endpoint, spoken in the configured dialect, through the one injected `fetch`.
 *
 * The code exchange is never retried: codes are single-use, and RFC 9700 §4.2.4 lets a server revoke everything
 * issued from a code that is redeemed twice. Refresh failures are classified so the session can tell "signed out"
 * (invalid_grant) from "offline" (network, 5xx, no answer). Errors are recognised by the answer's structure only:
 * the status and a flat RFC 6749 `{"error": …, "error_description": …}` body, never by the words of a message.
 *
 * A token response without `scope` means the scopes are unknown, not "granted what was asked": Lokalise's code
 * exchange never names them (its refresh does), and a user may have unticked one on the consent page.
 */
import { abortReason } from '../abort-reason';
import type { FetchFunction } from '../ports';
import { fetchText, NoAnswerError } from '../silence-fetch';
import { networkError, noAnswerError, oauthErrorFromBody, OAuthError, unexpectedResponseError } from './auth-errors';
import type { ProviderPreset } from './providers';

/** Tokens as the session keeps them. */
export interface TokenSet {
  readonly accessToken: string;
  /** null when the provider did not send one (a refresh in the Lokalise dialect): keep the previous one. */
  readonly refreshToken: string | null;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** When the refresh token stops working (epoch ms), if the provider said so (`refresh_token_expires_in`). */
  readonly refreshTokenExpiresAt: number | null;
  /** The scopes granted, or null when the provider did not say (and no earlier answer did). */
  readonly scopes: readonly string[] | null;
}

/** What the client needs to know. */
export interface OAuthClientOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly preset: ProviderPreset;
  readonly fetch: FetchFunction;
  readonly now?: () => number;
  /** How long the token endpoint may stay silent (before answering, or mid-answer); default 15 s. */
  readonly timeoutMs?: number;
}

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  refresh_token_expires_in?: unknown;
  expires_in?: unknown;
  scope?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/** Exchanges codes and refresh tokens at the provider's token endpoint. */
export class OAuthClient {
  private readonly now: () => number;

  public constructor(private readonly options: OAuthClientOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Redeems an authorization code. `redirectUri` is the one used in the authorize request (null for paste-code).
   * The scopes asked for are not assumed granted: without a `scope` field the result's scopes are null (unknown).
   */
  public exchangeCode(code: string, redirectUri: string | null, signal?: AbortSignal): Promise<TokenSet> {
    const fields: Record<string, string> = {
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      code,
      grant_type: 'authorization_code',
    };
    if (this.options.preset.sendRedirectUriAtExchange && redirectUri !== null) fields.redirect_uri = redirectUri;
    return this.request(fields, 'exchange', null, signal);
  }

  /**
   * Uses a refresh token; the result's `refreshToken` is null when the provider keeps the old one. A refresh keeps
   * the scopes of the grant (RFC 6749 §6), so an answer without `scope` leaves `currentScopes` as they were.
   */
  public refresh(refreshToken: string, currentScopes: readonly string[] | null, signal?: AbortSignal): Promise<TokenSet> {
    const fields = {
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      refresh_token: refreshToken,
      grant_type: 'refresh_token',
    };
    return this.request(fields, 'refresh', currentScopes, signal);
  }

  private async request(fields: Record<string, string>, during: 'exchange' | 'refresh', fallbackScopes: readonly string[] | null, signal?: AbortSignal): Promise<TokenSet> {
    const json = this.options.preset.tokenBody === 'json';
    let response: Response;
    let text: string;
    try {
      ({ response, text } = await fetchText(this.options.fetch, this.options.tokenUrl, {
        init: {
          method: 'POST',
          headers: {
            Accept: 'application/json',
            'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded',
          },
          body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
          redirect: 'error',
        },
        silenceMs: this.options.timeoutMs ?? 15_000,
        signal,
      }));
    } catch (error) {
      if (signal?.aborted === true) throw abortReason(signal);
      if (error instanceof NoAnswerError) throw noAnswerError(error);
      throw networkError(error);
    }
    let body: TokenResponse;
    try {
      body = JSON.parse(text) as TokenResponse;
    } catch (error) {
      throw response.ok ? new OAuthError('auth.server_error', 'Lokalise sent an unreadable sign-in answer. Try again in a moment.', { status: response.status, cause: error }) : unexpectedResponseError(response.status);
    }
    if (typeof body !== 'object' || (body as unknown) === null) throw unexpectedResponseError(response.status);
    if (!response.ok || body.error !== undefined) {
      // Only a flat RFC 6749 body (`error` is a string) is an OAuth verdict; a 5xx, a 429 or an API-style nested
      // error is a transient or foreign answer and must never sign anyone out.
      if (response.status >= 500 || response.status === 429 || response.status === 408 || typeof body.error !== 'string') {
        throw unexpectedResponseError(response.status);
      }
      throw oauthErrorFromBody(body, response.status, during);
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new OAuthError('auth.server_error', 'Lokalise’s sign-in answer had no access token. Try again in a moment.', { status: response.status });
    }
    const lifetime = secondsField(body.expires_in) ?? 3600;
    const refreshToken = typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : null;
    const refreshLifetime = refreshToken === null ? null : secondsField(body.refresh_token_expires_in);
    return {
      accessToken: body.access_token,
      refreshToken,
      expiresAt: this.now() + lifetime * 1000,
      refreshTokenExpiresAt: refreshLifetime === null ? null : this.now() + refreshLifetime * 1000,
      scopes: typeof body.scope === 'string' ? body.scope.split(/\s+/).filter((scope) => scope !== '') : fallbackScopes === null ? null : [...fallbackScopes],
    };
  }
}

/** A positive lifetime in seconds; some servers send numbers as strings. Anything else counts as absent. */
function secondsField(value: unknown): number | null {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}
