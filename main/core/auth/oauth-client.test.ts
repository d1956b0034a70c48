import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LocdeskError } from '../errors';
import { OAuthClient } from './oauth-client';
import { providerPreset } from './providers';

let server: Server | null = null;
let received: { contentType: string | undefined; body: string }[] = [];

async function stub(status: number, body: string, contentType = 'application/json'): Promise<string> {
  received = [];
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({ contentType: request.headers['content-type'], body: text });
      response.writeHead(status, { 'Content-Type': contentType });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
}

afterEach(async () => {
  await new Promise((resolve) => (server === null ? resolve(null) : server.close(resolve)));
  server = null;
});

function client(tokenUrl: string, provider: 'lokalise' | 'oauth2' = 'lokalise'): OAuthClient {
  return new OAuthClient({ tokenUrl, clientId: 'id', clientSecret: 'secret', preset: providerPreset(provider), fetch: globalThis.fetch, now: () => 1000 });
}

describe('OAuthClient', () => {
  it('sends the Lokalise dialect: JSON, no redirect_uri', async () => {
    const url = await stub(200, '{"access_token":"a","refresh_token":"r","expires_in":3600,"token_type":"Bearer"}');
    const tokens = await client(url).exchangeCode('c'.repeat(40), 'http://127.0.0.1:1/callback');
    expect(received[0]?.contentType).toBe('application/json');
    expect(JSON.parse(received[0]?.body ?? '{}')).toEqual({ client_id: 'id', client_secret: 'secret', code: 'c'.repeat(40), grant_type: 'authorization_code' });
    expect(tokens).toEqual({ accessToken: 'a', refreshToken: 'r', expiresAt: 1000 + 3600_000, refreshTokenExpiresAt: null, scopes: null });
  });

  it('takes an answer without scope as "unknown", never as "granted what was asked"', async () => {
    const url = await stub(200, '{"access_token":"a","refresh_token":"r","expires_in":3600,"token_type":"Bearer"}');
    expect((await client(url).exchangeCode('c'.repeat(40), null)).scopes).toBeNull();
    expect((await client(url).refresh('r'.repeat(40), null)).scopes).toBeNull();
    expect((await client(url).refresh('r'.repeat(40), ['read_projects'])).scopes).toEqual(['read_projects']);
  });

  it('says Lokalise is not answering when the token endpoint accepts the request and stays silent', async () => {
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
    const silent = new OAuthClient({ tokenUrl: url, clientId: 'id', clientSecret: 'secret', preset: providerPreset('lokalise'), fetch: globalThis.fetch, timeoutMs: 200 });
    const started = performance.now();
    const error = (await silent.refresh('r'.repeat(40), null).catch((caught: unknown) => caught)) as Error & { code: string };
    expect(error.code).toBe('network.no_answer');
    expect(error.message).toContain('Lokalise is not answering');
    expect(performance.now() - started).toBeLessThan(1500);
    server.closeAllConnections();
  });

  it('answers a cancelled request with the reason its signal carries', async () => {
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
    const controller = new AbortController();
    const pending = client(url).refresh('r'.repeat(40), null, controller.signal).catch((caught: unknown) => caught);
    controller.abort(new LocdeskError('auth.session_expired', 'Your Lokalise session has expired.'));
    expect(await pending).toMatchObject({ code: 'auth.session_expired' });
    server.closeAllConnections();
  });

  it('sends the standard dialect: a form body with the same redirect_uri', async () => {
    const url = await stub(200, '{"access_token":"a","refresh_token":"r2","expires_in":60,"scope":"x y"}');
    const tokens = await client(url, 'oauth2').exchangeCode('code', 'http://127.0.0.1:1/callback');
    expect(received[0]?.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(received[0]?.body))).toMatchObject({ redirect_uri: 'http://127.0.0.1:1/callback', grant_type: 'authorization_code' });
    expect(tokens.scopes).toEqual(['x', 'y']);
  });

  it('reports a refresh without a new refresh token as null, meaning keep the old one', async () => {
    const url = await stub(200, '{"access_token":"a2","expires_in":3600,"scope":"b a","token_type":"Bearer"}');
    expect((await client(url).refresh('r'.repeat(40), ['a', 'b'])).refreshToken).toBeNull();
  });

  it.each([
    ['{"error":"invalid_grant","error_description":"expired","error_uri":""}', 'exchange', 'auth.exchange_failed', 'may have expired'],
    ['{"error":"invalid_grant","error_description":"revoked"}', 'refresh', 'auth.session_expired', 'expired or was revoked'],
    ['{"error":"invalid_request","error_description":"refresh_token: Refresh token too short","error_uri":""}', 'refresh', 'auth.session_expired', 'Sign in again'],
    ['{"error":"invalid_client","error_description":"bad"}', 'exchange', 'auth.invalid_client', 'LOCDESK_CLIENT_ID'],
    ['{"error":"invalid_request","error_description":"code: Code must be 40 characters long\\n<script>"}', 'exchange', 'auth.exchange_failed', 'code: Code must be 40 characters long'],
  ] as const)('maps the OAuth error %s during %s', async (body, during, code, text) => {
    const url = await stub(400, body);
    const call = during === 'exchange' ? client(url).exchangeCode('c', null) : client(url).refresh('r', null);
    const error = await call.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(text);
    expect((error as Error).message).not.toContain('<script>');
  });

  it.each([
    [429, '{"error":{"message":"Too many requests","code":429}}'],
    [429, '{"error":"slow_down","error_description":"wait"}'],
    [400, '{"error":{"message":"Something unexpected","code":400}}'],
    [503, '{"error":"temporarily_unavailable"}'],
  ])('never calls a %i answer %s a refused refresh token', async (status, body) => {
    const url = await stub(status, body);
    const error = (await client(url).refresh('r'.repeat(40), null).catch((caught: unknown) => caught)) as Error & { code: string };
    expect(error.code).not.toBe('auth.session_expired');
    expect(error.code).toMatch(/^auth\.(server_error|exchange_failed)$/);
    expect(error.message).toContain(`HTTP ${status}`);
  });

  it('keeps the refresh token lifetime when the provider states one, numbers sent as strings included', async () => {
    const url = await stub(200, '{"access_token":"a","refresh_token":"r","expires_in":"120","refresh_token_expires_in":86400}');
    expect(await client(url, 'oauth2').exchangeCode('code', 'http://127.0.0.1:1/callback')).toMatchObject({ expiresAt: 1000 + 120_000, refreshTokenExpiresAt: 1000 + 86_400_000 });
  });

  it('describes an HTML error page by its status only', async () => {
    const url = await stub(502, '<html><body>Bad Gateway secret-looking-body</body></html>', 'text/html');
    const error = (await client(url).exchangeCode('c', null).catch((caught: unknown) => caught)) as Error & { code: string };
    expect(error.code).toBe('auth.server_error');
    expect(error.message).toContain('HTTP 502');
    expect(error.message).not.toContain('secret-looking-body');
  });

  it('reports an unreachable server as offline and sends the request only once', async () => {
    const url = await stub(200, '{}');
    await new Promise((resolve) => server?.close(resolve));
    server = null;
    await expect(client(url).exchangeCode('c', null)).rejects.toMatchObject({ code: 'network.offline' });
  });

  it('never retries a code exchange', async () => {
    const url = await stub(500, '<html>oops</html>', 'text/html');
    await expect(client(url).exchangeCode('c', null)).rejects.toThrow();
    expect(received).toHaveLength(1);
  });
});
