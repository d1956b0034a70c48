/**
 * The fake's OAuth 2 server: consent page, single-use 40-character codes, the token endpoint in both dialects,
 * and the access/refresh token book-keeping the API checks against.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, parseFields, readBody, sendHtml } from './http';
import type { FakeState } from './state';

interface PendingConsent {
  clientId: string;
  scope: string;
  state: string | null;
  redirectUri: string | null;
}

interface IssuedCode {
  clientId: string;
  scope: string;
  redirectUri: string | null;
  expiresAt: number;
}

/** An issued access token. */
export interface AccessGrant {
  scope: string;
  expiresAt: number;
}

interface RefreshGrant {
  scope: string;
  expiresAt: number | null;
}

function token(): string {
  return randomBytes(20).toString('hex');
}

/** Holds the OAuth side of the fake. */
export class OAuthServer {
  private readonly consents = new Map<string, PendingConsent>();
  private readonly codes = new Map<string, IssuedCode>();
  public readonly accessTokens = new Map<string, AccessGrant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  public constructor(private readonly state: FakeState) {}

  /** Invalidates every access and refresh token, as revoking the app in Lokalise would. */
  public revokeAll(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  /** Makes every access token expired now, so the next API call needs a refresh. */
  public expireAccessTokens(): void {
    for (const grant of this.accessTokens.values()) grant.expiresAt = 0;
  }

  /** Issues a token pair directly, for tests that do not need the browser part. */
  public issueTokens(scope: string): { accessToken: string; refreshToken: string } {
    const accessToken = token();
    const refreshToken = token();
    this.accessTokens.set(accessToken, { scope, expiresAt: this.state.now() + this.state.switches.accessTokenLifetimeSeconds * 1000 });
    this.refreshTokens.set(refreshToken, { scope, expiresAt: this.refreshExpiry() });
    return { accessToken, refreshToken };
  }

  /** `GET /oauth2/auth`: validates the request and shows the consent page. */
  public authorize(url: URL, response: ServerResponse): void {
    this.state.count('authorize');
    const clientId = url.searchParams.get('client_id');
    const scope = (url.searchParams.get('scope') ?? '').split(/\s+/).filter((entry) => entry !== '').join(' ');
    const redirectUri = url.searchParams.get('redirect_uri');
    if (clientId !== this.state.clientId) return sendHtml(response, 400, page('Unknown application', '<p>The client_id is not registered.</p>'));
    if (scope === '') return sendHtml(response, 400, page('Invalid request', '<p>The scope parameter is required.</p>'));
    if (this.state.switches.dialect === 'oauth2' && url.searchParams.get('response_type') !== 'code') {
      return sendHtml(response, 400, page('Invalid request', '<p>response_type must be code.</p>'));
    }
    if (redirectUri !== null && !URL.canParse(redirectUri)) return sendHtml(response, 400, page('Invalid request', '<p>redirect_uri is not a URL.</p>'));
    const requestId = token();
    this.consents.set(requestId, { clientId, scope, state: url.searchParams.get('state'), redirectUri });
    const scopes = scope.split(' ').map((entry) => `<li>${escapeHtml(entry)}</li>`).join('');
    sendHtml(
      response,
      200,
      page(
        'Allow access?',
        `<p><strong>Locdesk (test app)</strong> would like to access your Lokalise account.</p><ul>${scopes}</ul>
        <form method="post" action="/oauth2/auth/decision">
          <input type="hidden" name="request_id" value="${requestId}">
          <button type="submit" name="decision" value="allow">Allow</button>
          <button type="submit" name="decision" value="deny">Deny</button>
        </form>`,
      ),
    );
  }

  /** `POST /oauth2/auth/decision`: the user's answer on the consent page. */
  public async decide(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const fields = parseFields(request.headers['content-type'], await readBody(request))?.fields ?? {};
    const consent = this.consents.get(fields.request_id ?? '');
    if (consent === undefined) return sendHtml(response, 400, page('Expired', '<p>This consent request is no longer valid.</p>'));
    this.consents.delete(fields.request_id ?? '');
    if (fields.decision !== 'allow') {
      if (consent.redirectUri === null) return sendHtml(response, 200, page('Access denied', '<p>You can close this window.</p>'));
      const target = new URL(consent.redirectUri);
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The user denied access');
      if (consent.state !== null) target.searchParams.set('state', consent.state);
      response.writeHead(302, { Location: target.toString() }).end();
      return;
    }
    const code = token();
    this.codes.set(code, { clientId: consent.clientId, scope: consent.scope, redirectUri: consent.redirectUri, expiresAt: this.state.now() + 600_000 });
    if (consent.redirectUri === null) {
      return sendHtml(response, 200, page('Your code', `<p>Copy this code into the application:</p><p><code id="code">${code}</code></p>`));
    }
    const target = new URL(consent.redirectUri);
    target.searchParams.set('code', code);
    if (consent.state !== null) target.searchParams.set('state', consent.state);
    response.writeHead(302, { Location: target.toString() }).end();
  }

  /** `POST /oauth2/token`: code exchange and refresh. */
  public async token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const switches = this.state.switches;
    const parsed = parseFields(request.headers['content-type'], await readBody(request));
    if (parsed === null) return this.fail(response, 'invalid_request', 'The request body must be JSON or form-encoded.');
    if (switches.dialect === 'oauth2' && parsed.kind !== 'form') return this.fail(response, 'invalid_request', 'The request body must be form-encoded.');
    const fields = { ...basicCredentials(request.headers.authorization), ...parsed.fields };
    if (fields.client_id !== this.state.clientId || fields.client_secret !== this.state.clientSecret) {
      return this.fail(response, 'invalid_client', 'Client authentication failed.');
    }
    const grantType = fields.grant_type;
    if (grantType === 'authorization_code' || (grantType === 'authorization_token' && switches.acceptAuthorizationTokenTypo)) {
      return this.exchangeCode(fields, response);
    }
    if (grantType === 'refresh_token') return this.refresh(fields, response);
    return this.fail(response, 'unsupported_grant_type', 'The grant type is not supported.');
  }

  private exchangeCode(fields: Record<string, string>, response: ServerResponse): void {
    const code = fields.code ?? '';
    if (code.length !== 40) return this.fail(response, 'invalid_request', 'code: Code must be 40 characters long');
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (issued === undefined || issued.expiresAt < this.state.now() || issued.clientId !== fields.client_id) {
      return this.fail(response, 'invalid_grant', 'The authorization code is invalid or has expired.');
    }
    // A code is bound to the redirect URI it was issued for: a different one is always refused, a missing one only
    // where the dialect requires it (the Lokalise SDKs never send it).
    const mustMatch = this.state.switches.dialect === 'oauth2' || this.state.switches.requireRedirectUriAtExchange;
    const sent = fields.redirect_uri;
    if (issued.redirectUri !== null && (sent === undefined ? mustMatch : sent !== issued.redirectUri)) {
      return this.fail(response, 'invalid_grant', 'The redirect URI does not match the authorization request.');
    }
    this.state.count('tokenExchanges');
    const pair = this.issueTokens(issued.scope);
    this.send(response, {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: this.state.switches.accessTokenLifetimeSeconds,
      token_type: 'Bearer',
    });
  }

  private refresh(fields: Record<string, string>, response: ServerResponse): void {
    this.state.count('refreshes');
    const refreshToken = fields.refresh_token ?? '';
    if (refreshToken.length < 40) return this.fail(response, 'invalid_request', 'refresh_token: Refresh token too short');
    const grant = this.refreshTokens.get(refreshToken);
    if (grant === undefined || (grant.expiresAt !== null && grant.expiresAt < this.state.now())) {
      return this.fail(response, 'invalid_grant', 'The refresh token is invalid or has been revoked.');
    }
    const accessToken = token();
    const lifetime = this.state.switches.accessTokenLifetimeSeconds;
    this.accessTokens.set(accessToken, { scope: grant.scope, expiresAt: this.state.now() + lifetime * 1000 });
    const rotate = this.state.switches.dialect === 'oauth2' || this.state.switches.rotateRefreshTokens;
    if (!rotate) {
      this.send(response, { access_token: accessToken, expires_in: lifetime, scope: grant.scope.split(' ').reverse().join(' '), token_type: 'Bearer' });
      return;
    }
    this.refreshTokens.delete(refreshToken);
    const next = token();
    this.refreshTokens.set(next, { scope: grant.scope, expiresAt: this.refreshExpiry() });
    this.send(response, { access_token: accessToken, refresh_token: next, expires_in: lifetime, scope: grant.scope, token_type: 'Bearer' });
  }

  private refreshExpiry(): number | null {
    const switches = this.state.switches;
    const seconds = switches.refreshTokenLifetimeSeconds ?? (switches.dialect === 'oauth2' ? 7 * 86_400 : null);
    return seconds === null ? null : this.state.now() + seconds * 1000;
  }

  private send(response: ServerResponse, body: object): void {
    const text = JSON.stringify(body);
    response.writeHead(200, { ...tokenHeaders(), 'Content-Length': String(Buffer.byteLength(text)) });
    response.end(text);
  }

  private fail(response: ServerResponse, error: string, description: string): void {
    this.state.count('tokenErrors');
    const text = JSON.stringify({ error, error_description: description, error_uri: '' });
    response.writeHead(400, { ...tokenHeaders(), 'Content-Length': String(Buffer.byteLength(text)) });
    response.end(text);
  }
}

function tokenHeaders(): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store, no-cache, must-revalidate',
    Pragma: 'no-cache',
    Expires: 'Thu, 19 Nov 1981 08:52:00 GMT',
    Server: 'nginx',
    'X-Lokalise-Process-Id': randomUUID(),
  };
}

function basicCredentials(header: string | undefined): Record<string, string> {
  if (header?.startsWith('Basic ') !== true) return {};
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return {};
  return { client_id: decodeURIComponent(decoded.slice(0, separator)), client_secret: decodeURIComponent(decoded.slice(separator + 1)) };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Fake Lokalise</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto"><h1>${title}</h1>${body}</body></html>`;
}
