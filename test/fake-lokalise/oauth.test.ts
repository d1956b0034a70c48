import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from './server';
import { answerConsent, authorizeUrl } from './testing';

let fake: FakeLokalise;
beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 10 });
});
afterEach(async () => {
  await fake.close();
});

const redirectUri = 'http://127.0.0.1:9/callback';

async function codeFor(options: { responseType?: boolean } = {}): Promise<string> {
  const { location } = await answerConsent(authorizeUrl(fake, { redirectUri, state: 'st4te', ...options }), 'allow');
  const url = new URL(location ?? '');
  expect(url.origin + url.pathname).toBe(redirectUri);
  expect(url.searchParams.get('state')).toBe('st4te');
  return url.searchParams.get('code') ?? '';
}

function postJson(body: object): Promise<Response> {
  return fetch(fake.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
}

function postForm(body: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(fake.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body).toString() });
}

describe('fake Lokalise OAuth', () => {
  it('shows a consent page with Allow and Deny, and redirects with a 40-character code and the state', async () => {
    const page = await (await fetch(authorizeUrl(fake, { redirectUri, state: 'x' }))).text();
    expect(page).toContain('>Allow</button>');
    expect(page).toContain('>Deny</button>');
    const code = await codeFor();
    expect(code).toMatch(/^[0-9a-f]{40}$/);
  });

  it('redirects a denial with error=access_denied and the state', async () => {
    const { location } = await answerConsent(authorizeUrl(fake, { redirectUri, state: 'abc' }), 'deny');
    const url = new URL(location ?? '');
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe('abc');
    expect(url.searchParams.get('code')).toBeNull();
  });

  it('shows the code to copy when there is no redirect URI', async () => {
    const { location, html } = await answerConsent(authorizeUrl(fake, {}), 'allow');
    expect(location).toBeNull();
    expect(html).toMatch(/<code id="code">[0-9a-f]{40}<\/code>/);
  });

  it('exchanges a code once, with a JSON body, in the recorded shape and key order', async () => {
    const code = await codeFor();
    const body = { client_id: fake.clientId, client_secret: fake.clientSecret, code, grant_type: 'authorization_code' };
    const first = await postJson(body);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toContain('no-store');
    const text = await first.text();
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['access_token', 'refresh_token', 'expires_in', 'token_type']);
    expect(text).toMatch(/^\{"access_token":"[0-9a-f]{40}","refresh_token":"[0-9a-f]{40}","expires_in":3600,"token_type":"Bearer"\}$/);
    const second = await postJson(body);
    expect(second.status).toBe(400);
    expect(((await second.json()) as { error: string }).error).toBe('invalid_grant');
    expect(fake.stats.tokenExchanges).toBe(1);
  });

  it('accepts a form body with HTTP Basic client credentials', async () => {
    const code = await codeFor();
    const basic = Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString('base64');
    const response = await postForm({ code, grant_type: 'authorization_code' }, { Authorization: `Basic ${basic}` });
    expect(response.status).toBe(200);
  });

  it.each([
    [{ code: 'short', grant_type: 'authorization_code' }, 'invalid_request', 'code: Code must be 40 characters long'],
    [{ code: 'a'.repeat(40), grant_type: 'authorization_code' }, 'invalid_grant', 'invalid or has expired'],
    [{ refresh_token: 'short', grant_type: 'refresh_token' }, 'invalid_request', 'refresh_token: Refresh token too short'],
    [{ grant_type: 'password' }, 'unsupported_grant_type', 'not supported'],
  ])('answers bad token requests with the flat 400 shape (%o)', async (fields, error, description) => {
    const response = await postJson({ client_id: fake.clientId, client_secret: fake.clientSecret, ...fields });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, string>;
    expect(body.error).toBe(error);
    expect(body.error_description).toContain(description);
    expect(body.error_uri).toBe('');
  });

  it('rejects a wrong client secret as invalid_client', async () => {
    const response = await postJson({ client_id: fake.clientId, client_secret: 'nope', code: 'a'.repeat(40), grant_type: 'authorization_code' });
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('refreshes without a new refresh token in the Lokalise dialect; the old one keeps working', async () => {
    const { refreshToken } = fake.issueTokens('read_projects read_keys');
    const body = { client_id: fake.clientId, client_secret: fake.clientSecret, refresh_token: refreshToken, grant_type: 'refresh_token' };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await postJson(body);
      const parsed = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
      expect(parsed.scope).toBe('read_keys read_projects');
    }
    expect(fake.stats.refreshes).toBe(2);
  });

  it('rotates refresh tokens in the oauth2 dialect, and the old one is then refused', async () => {
    fake.switches.dialect = 'oauth2';
    const { refreshToken } = fake.issueTokens();
    const first = await postForm({ client_id: fake.clientId, client_secret: fake.clientSecret, refresh_token: refreshToken, grant_type: 'refresh_token' });
    const rotated = ((await first.json()) as { refresh_token: string }).refresh_token;
    expect(rotated).toMatch(/^[0-9a-f]{40}$/);
    expect(rotated).not.toBe(refreshToken);
    const reuse = await postForm({ client_id: fake.clientId, client_secret: fake.clientSecret, refresh_token: refreshToken, grant_type: 'refresh_token' });
    expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('in the oauth2 dialect requires response_type=code, a form body and the same redirect_uri at exchange', async () => {
    fake.switches.dialect = 'oauth2';
    expect((await fetch(authorizeUrl(fake, { redirectUri, state: 's' }))).status).toBe(400);
    const code = await codeFor({ responseType: true });
    const json = await postJson({ client_id: fake.clientId, client_secret: fake.clientSecret, code, grant_type: 'authorization_code', redirect_uri: redirectUri });
    expect(json.status).toBe(400);
    const wrongRedirect = await postForm({ client_id: fake.clientId, client_secret: fake.clientSecret, code, grant_type: 'authorization_code', redirect_uri: 'http://127.0.0.1:1/x' });
    expect(((await wrongRedirect.json()) as { error: string }).error).toBe('invalid_grant');
    const secondCode = await codeFor({ responseType: true });
    const good = await postForm({ client_id: fake.clientId, client_secret: fake.clientSecret, code: secondCode, grant_type: 'authorization_code', redirect_uri: redirectUri });
    expect(good.status).toBe(200);
  });

  it('revoking all tokens makes the API and refresh refuse them', async () => {
    const { accessToken, refreshToken } = fake.issueTokens();
    fake.revokeAllTokens();
    const api = await fetch(`${fake.apiUrl}projects`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(api.status).toBe(401);
    expect(await api.text()).toBe('{"error":{"message":"Invalid `Authorization` header","code":401}}');
    const refresh = await postJson({ client_id: fake.clientId, client_secret: fake.clientSecret, refresh_token: refreshToken, grant_type: 'refresh_token' });
    expect(refresh.status).toBe(400);
  });

  it('expires access tokens after a short lifetime', async () => {
    fake.switches.accessTokenLifetimeSeconds = 1;
    const { accessToken } = fake.issueTokens();
    fake.expireAccessTokens();
    fake.switches.invalidTokenStatus = 400;
    const response = await fetch(`${fake.apiUrl}projects`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(response.status).toBe(400);
  });
});
