import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise, type FakeLokaliseOptions } from './server';
import { answerConsent, authorizeUrl } from './testing';

let fake: FakeLokalise | undefined;
let clock = 1_700_000_000_000;

async function start(options: FakeLokaliseOptions = {}): Promise<FakeLokalise> {
  clock = 1_700_000_000_000;
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 5, now: () => clock, ...options });
  return fake;
}

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const redirectUri = 'http://127.0.0.1:9/callback';

async function codeFor(server: FakeLokalise, parameters: { redirectUri?: string; responseType?: boolean } = { redirectUri }): Promise<string> {
  const { location, html } = await answerConsent(authorizeUrl(server, { state: 's', ...parameters }), 'allow');
  if (location === null) return /<code id="code">([0-9a-f]{40})<\/code>/.exec(html)?.[1] ?? '';
  return new URL(location).searchParams.get('code') ?? '';
}

function postToken(server: FakeLokalise, fields: Record<string, string>, kind: 'json' | 'form' = 'json'): Promise<Response> {
  const body = { client_id: server.clientId, client_secret: server.clientSecret, ...fields };
  return kind === 'json'
    ? fetch(server.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    : fetch(server.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
}

async function errorOf(response: Response): Promise<string> {
  expect(response.status).toBe(400);
  return ((await response.json()) as { error: string }).error;
}

describe('fake Lokalise OAuth: the whole journey and the authorize checks', () => {
  it('goes from consent to code to tokens to an API call, and counts each step', async () => {
    const server = await start();
    const code = await codeFor(server);
    const exchange = await postToken(server, { code, grant_type: 'authorization_code' });
    expect(exchange.headers.get('x-lokalise-process-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(exchange.headers.get('pragma')).toBe('no-cache');
    const tokens = (await exchange.json()) as { access_token: string };
    const projects = await fetch(`${server.apiUrl}projects`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(projects.status).toBe(200);
    expect(server.stats).toMatchObject({ authorize: 1, tokenExchanges: 1, refreshes: 0, apiRequests: 1 });
    expect(server.stats.byRoute.projects).toBe(1);
  });

  it('answers on the /auth alias that node-lokalise-api builds, and decodes scopes joined with + or %20', async () => {
    const server = await start();
    for (const [path, joined] of [['/auth', 'read_projects+read_keys'], ['/oauth2/auth', 'read_projects%20read_keys']] as const) {
      const response = await fetch(`${server.origin}${path}?client_id=${server.clientId}&scope=${joined}&state=x`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<li>read_projects</li><li>read_keys</li>');
    }
  });

  it('refuses an unknown client, a missing scope and an unparsable redirect_uri on the authorize page', async () => {
    const server = await start();
    const statusOf = async (query: string): Promise<number> => (await fetch(`${server.authUrl}?${query}`)).status;
    expect(await statusOf('client_id=someone-else&scope=read_projects')).toBe(400);
    expect(await statusOf(`client_id=${server.clientId}`)).toBe(400);
    expect(await statusOf(`client_id=${server.clientId}&scope=read_projects&redirect_uri=not%20a%20url`)).toBe(400);
    expect(await statusOf(`client_id=${server.clientId}&scope=read_projects`)).toBe(200);
  });

  it('keeps redirect_uri and state server-side: a forged form field cannot redirect elsewhere, and a request id works once', async () => {
    const server = await start();
    const page = await (await fetch(authorizeUrl(server, { redirectUri, state: 'kept' }))).text();
    const requestId = /name="request_id" value="([0-9a-f]+)"/.exec(page)?.[1] ?? '';
    const post = (): Promise<Response> =>
      fetch(`${server.origin}/oauth2/auth/decision`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request_id: requestId, decision: 'allow', redirect_uri: 'https://evil.example/steal', state: 'forged' }).toString(),
        redirect: 'manual',
      });
    const first = await post();
    const location = new URL(first.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('kept');
    const second = await post();
    expect(second.status).toBe(400);
    expect(second.headers.get('location')).toBeNull();
  });
});

describe('fake Lokalise OAuth: codes and token lifetimes on a controlled clock', () => {
  it('expires codes after ten minutes', async () => {
    const server = await start();
    const fresh = await codeFor(server);
    const stale = await codeFor(server);
    clock += 9 * 60_000;
    expect((await postToken(server, { code: fresh, grant_type: 'authorization_code' })).status).toBe(200);
    clock += 2 * 60_000;
    expect(await errorOf(await postToken(server, { code: stale, grant_type: 'authorization_code' }))).toBe('invalid_grant');
  });

  it('expires access tokens after accessTokenLifetimeSeconds and reports the lifetime as expires_in', async () => {
    const server = await start({ switches: { accessTokenLifetimeSeconds: 60 } });
    const exchange = await postToken(server, { code: await codeFor(server), grant_type: 'authorization_code' });
    const tokens = (await exchange.json()) as { access_token: string; expires_in: number };
    expect(tokens.expires_in).toBe(60);
    const call = async (): Promise<number> => (await fetch(`${server.apiUrl}teams`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })).status;
    clock += 59_000;
    expect(await call()).toBe(200);
    clock += 2_000;
    expect(await call()).toBe(401);
  });

  it('lets refresh tokens expire when given a lifetime, and by default after 7 days in the oauth2 dialect', async () => {
    const server = await start({ switches: { refreshTokenLifetimeSeconds: 120 } });
    const { refreshToken } = server.issueTokens();
    clock += 119_000;
    expect((await postToken(server, { refresh_token: refreshToken, grant_type: 'refresh_token' })).status).toBe(200);
    clock += 2_000;
    expect(await errorOf(await postToken(server, { refresh_token: refreshToken, grant_type: 'refresh_token' }))).toBe('invalid_grant');

    server.switches.refreshTokenLifetimeSeconds = null;
    server.switches.dialect = 'oauth2';
    const weekly = server.issueTokens().refreshToken;
    clock += 7 * 86_400_000 + 1_000;
    expect(await errorOf(await postToken(server, { refresh_token: weekly, grant_type: 'refresh_token' }, 'form'))).toBe('invalid_grant');
  });
});

describe('fake Lokalise OAuth: switches', () => {
  it('rotates refresh tokens in the Lokalise dialect when rotateRefreshTokens is on', async () => {
    const server = await start({ switches: { rotateRefreshTokens: true } });
    const { refreshToken } = server.issueTokens('read_projects');
    const first = (await (await postToken(server, { refresh_token: refreshToken, grant_type: 'refresh_token' })).json()) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['access_token', 'refresh_token', 'expires_in', 'scope', 'token_type']);
    expect(await errorOf(await postToken(server, { refresh_token: refreshToken, grant_type: 'refresh_token' }))).toBe('invalid_grant');
    const next = await postToken(server, { refresh_token: String(first.refresh_token), grant_type: 'refresh_token' });
    expect(next.status).toBe(200);
  });

  it('accepts the documented authorization_token typo only behind its switch', async () => {
    const server = await start();
    expect(await errorOf(await postToken(server, { code: await codeFor(server), grant_type: 'authorization_token' }))).toBe('unsupported_grant_type');
    server.switches.acceptAuthorizationTokenTypo = true;
    expect((await postToken(server, { code: await codeFor(server), grant_type: 'authorization_token' })).status).toBe(200);
  });

  it('binds a code to its redirect_uri: a different one is refused, a missing one only when required', async () => {
    const server = await start();
    expect(await errorOf(await postToken(server, { code: await codeFor(server), grant_type: 'authorization_code', redirect_uri: 'http://127.0.0.1:1/other' }))).toBe('invalid_grant');
    expect((await postToken(server, { code: await codeFor(server), grant_type: 'authorization_code' })).status).toBe(200);
    server.switches.requireRedirectUriAtExchange = true;
    expect(await errorOf(await postToken(server, { code: await codeFor(server), grant_type: 'authorization_code' }))).toBe('invalid_grant');
    expect((await postToken(server, { code: await codeFor(server), grant_type: 'authorization_code', redirect_uri: redirectUri })).status).toBe(200);
  });

  it('exchanges a code from the copy-the-code page without any redirect_uri', async () => {
    const server = await start();
    const code = await codeFor(server, {});
    expect(code).toHaveLength(40);
    expect((await postToken(server, { code, grant_type: 'authorization_code' })).status).toBe(200);
  });

  it('takes X-Api-Token as well as a Bearer header, and names the header it could not use', async () => {
    const server = await start();
    const { accessToken } = server.issueTokens();
    expect((await fetch(`${server.apiUrl}teams`, { headers: { 'X-Api-Token': accessToken } })).status).toBe(200);
    const anonymous = await fetch(`${server.apiUrl}teams`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toBe('{"error":{"message":"Invalid `X-Api-Token` header","code":401}}');
  });

  it('rejects a token request whose body is neither JSON nor form-encoded', async () => {
    const server = await start();
    const response = await fetch(server.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'grant_type=refresh_token' });
    expect(await errorOf(response)).toBe('invalid_request');
    expect(server.stats.tokenErrors).toBe(1);
  });
});
