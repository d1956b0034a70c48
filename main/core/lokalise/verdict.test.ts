import { describe, expect, it } from 'vitest';
import { bearerChallenge, verdictFor } from './verdict';

const requested = new URL('https://api.lokalise.com/api2/projects?limit=100');
const now = Date.parse('2026-03-01T10:00:00Z');

function judge(status: number, body: unknown, headers: Record<string, string> = {}): ReturnType<typeof verdictFor> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/html' : 'application/json';
  return verdictFor(new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': type, ...headers } }), text, requested, 'your projects', now);
}

describe('verdictFor: tokens are recognised by structure, never by wording', () => {
  it('takes every 401 as a rejected token, whatever its body says', () => {
    expect(judge(401, { error: { message: 'Anything at all', code: 401 } })).toMatchObject({ kind: 'token', certain: true, failure: { code: 'auth.required' } });
    expect(judge(401, '<html>Unauthorized</html>')).toMatchObject({ kind: 'token', certain: true });
  });

  it('reads an RFC 6750 challenge or a flat invalid_token body at any status', () => {
    expect(judge(400, { message: 'Bad' }, { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token", error_description="expired"' })).toMatchObject({ kind: 'token', certain: true });
    expect(judge(400, { error: 'invalid_token', error_description: 'The access token expired' })).toMatchObject({ kind: 'token', certain: true });
  });

  it('treats a 400 as "maybe the token" with the same verdict whatever the message says', () => {
    const aboutTheToken = judge(400, { error: { message: 'Invalid `X-Api-Token` header', code: 400 } });
    const aboutTheRequest = judge(400, { error: { message: 'Invalid `limit` parameter', code: 400 } });
    expect(aboutTheToken).toMatchObject({ kind: 'token', certain: false, failure: { code: 'lokalise.request', status: 400 } });
    expect(aboutTheRequest).toMatchObject({ kind: 'token', certain: false, failure: { code: 'lokalise.request', status: 400 } });
  });

  it('never takes a 403 for a token rejection, even when its words mention the token', () => {
    expect(judge(403, { error: { message: 'Invalid `Authorization` header', code: 403 } })).toMatchObject({ kind: 'forbidden', insufficientScope: false, scope: null });
  });

  it('recognises a missing scope from the challenge, with the scope it names', () => {
    expect(judge(403, { error: { message: 'Forbidden', code: 403 } }, { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="read_keys write_keys"' })).toMatchObject({
      kind: 'forbidden',
      insufficientScope: true,
      scope: 'read_keys',
    });
  });
});

describe('verdictFor: the rest', () => {
  it('hands back a parsed body with its headers', () => {
    const verdict = judge(200, { projects: [] }, { 'X-Pagination-Page-Count': '1' });
    expect(verdict).toMatchObject({ kind: 'answer', body: { projects: [] } });
    expect(verdict.kind === 'answer' && verdict.headers.get('x-pagination-page-count')).toBe('1');
  });

  it('retries a 429 as a rate limit, with Retry-After in seconds or as a date', () => {
    expect(judge(429, { error: { message: 'Too many requests', code: 429 } })).toMatchObject({ kind: 'retry', reason: 'rateLimited', delayHintMs: null });
    expect(judge(429, {}, { 'Retry-After': '12' })).toMatchObject({ kind: 'retry', reason: 'rateLimited', delayHintMs: 12_000 });
    expect(judge(429, {}, { 'Retry-After': 'Sun, 01 Mar 2026 10:00:09 GMT' })).toMatchObject({ delayHintMs: 9000 });
  });

  it('retries server trouble and a cut-off 200, and fails a 404 at once', () => {
    expect(judge(502, '<html>Bad Gateway</html>')).toMatchObject({ kind: 'retry', reason: 'serverTrouble', failure: { code: 'lokalise.server' } });
    expect(judge(200, '{"projects":[{"na')).toMatchObject({ kind: 'retry', reason: 'serverTrouble', failure: { code: 'lokalise.bad_response' } });
    expect(judge(404, { error: { message: 'Not Found', code: 404 } })).toMatchObject({ kind: 'fail', failure: { code: 'lokalise.not_found' } });
  });

  it('follows a redirect on the same origin and refuses one that leaves it, naming where it went', () => {
    expect(judge(302, '', { Location: '/api2/projects/' })).toMatchObject({ kind: 'redirect', location: new URL('https://api.lokalise.com/api2/projects/') });
    const away = judge(307, '', { Location: 'https://portal.hotel.example/login' });
    expect(away).toMatchObject({ kind: 'fail', failure: { code: 'lokalise.redirected' } });
    expect(away.kind === 'fail' && away.failure.message).toContain('portal.hotel.example');
    expect(judge(301, '', { Location: 'http://api.lokalise.com/api2/projects' })).toMatchObject({ kind: 'fail' });
  });
});

describe('bearerChallenge', () => {
  it('reads quoted and bare auth-params, and nothing from other schemes', () => {
    expect(bearerChallenge('Bearer realm="x", error=invalid_token')).toEqual({ realm: 'x', error: 'invalid_token' });
    expect(bearerChallenge('Basic realm="x"')).toEqual({});
    expect(bearerChallenge(null)).toEqual({});
  });
});
