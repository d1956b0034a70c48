import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ScopeMissingError } from '../scopes';
import { CancelledError, LocdeskError } from '../errors';
import { isNoAnswer } from '../silence-fetch';
import { LokaliseClient, type LokaliseClientOptions } from './client';
import { LokaliseApiError } from './errors';
import { retryAfterMs, type RetryWait } from './http';
import { CountingTokens, recordingLogger, sendJson, startStub, type StubHandler, type StubServer } from '../../../test/support/core/lokalise-stub';

let stub: StubServer | undefined;
let elsewhere: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  await elsewhere?.close();
  stub = undefined;
  elsewhere = undefined;
});

/** A virtual clock: `sleep` records the delay and moves time on instead of waiting. */
function virtualTime(): { now: () => number; sleep: (milliseconds: number) => Promise<void>; delays: number[] } {
  let time = 1_000_000;
  const delays: number[] = [];
  return {
    now: () => time,
    sleep: (milliseconds) => {
      delays.push(milliseconds);
      time += milliseconds;
      return Promise.resolve();
    },
    delays,
  };
}

const teams = { teams: [{ team_id: 1, name: 'Team', plan: 'Trial' }] };

async function setup(handler: StubHandler, overrides: Partial<LokaliseClientOptions> = {}) {
  stub = await startStub(handler);
  const tokens = new CountingTokens();
  const clock = virtualTime();
  const client = new LokaliseClient({ apiUrl: stub.apiUrl, fetch: globalThis.fetch, tokens, random: () => 1, requestsPerSecond: 1000, now: clock.now, sleep: clock.sleep, ...overrides });
  return { stub, tokens, client, delays: clock.delays };
}

async function failure(promise: Promise<unknown>): Promise<LokaliseApiError> {
  const caught = await anyFailure(promise);
  if (!(caught instanceof LokaliseApiError)) throw new Error(`expected a LokaliseApiError, got ${String(caught)}`);
  return caught;
}

async function anyFailure(promise: Promise<unknown>): Promise<LocdeskError> {
  const caught: unknown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(caught instanceof LocdeskError)) throw new Error(`expected a LocdeskError, got ${String(caught)}`);
  return caught;
}

/** A token source that knows which scopes its tokens grant (null: the provider never said), as the session does. */
class ScopedTokens extends CountingTokens {
  public readonly missing: string[] = [];

  public constructor(private readonly grants: (token: string) => readonly string[] | null) {
    super();
  }

  public grantedScopes(): readonly string[] | null {
    return this.grants(this.token);
  }

  public scopeMissing(scope: string): void {
    this.missing.push(scope);
  }
}

const forbidden = { error: { message: 'Forbidden', code: 403 } };

function html(response: ServerResponse, status: number): void {
  response.writeHead(status, { 'Content-Type': 'text/html' });
  response.end(`<html><head><title>${status} Bad Gateway</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`);
}

describe('rejected tokens', () => {
  it('refreshes once after a 401 and retries with the new token', async () => {
    const { stub, tokens, client } = await setup((request, response) =>
      request.authorization === 'Bearer token-2' ? sendJson(response, 200, teams) : sendJson(response, 401, { error: { message: 'Invalid `Authorization` header', code: 401 } }),
    );
    expect(await client.listTeams()).toEqual([{ teamId: 1, name: 'Team', plan: 'Trial' }]);
    expect(stub.requests.map((request) => request.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(tokens.rejected).toEqual(['token-1']);
  });

  it.each([
    ['nested', { error: { message: 'Invalid `X-Api-Token` header', code: 400 } }],
    ['flat', { message: 'Invalid `Authorization` header', code: 400 }],
  ])('treats a 400 about the token (%s shape) as a rejection', async (_shape, body) => {
    const { tokens, client } = await setup((request, response) => (request.authorization === 'Bearer token-2' ? sendJson(response, 200, teams) : sendJson(response, 400, body)));
    await client.listTeams();
    expect(tokens.refreshes).toBe(1);
  });

  it('treats a 401 error page as a rejection too', async () => {
    const { tokens, client } = await setup((request, response) => (request.authorization === 'Bearer token-2' ? sendJson(response, 200, teams) : html(response, 401)));
    await client.listTeams();
    expect(tokens.refreshes).toBe(1);
  });

  it('gives up with auth.required after the refreshed token is rejected as well, without a third request', async () => {
    const { stub, tokens, client } = await setup((_request, response) => sendJson(response, 401, { error: { message: 'Invalid `Authorization` header', code: 401 } }));
    const error = await failure(client.listTeams());
    expect(error).toMatchObject({ code: 'auth.required', status: 401 });
    expect(error.message).not.toContain('token-');
    expect(stub.requests).toHaveLength(2);
    expect(tokens.refreshes).toBe(1);
  });

  it('settles any other 400 with one refresh and one retry, then reports it with the server message', async () => {
    const { stub, tokens, client } = await setup((_request, response) => sendJson(response, 400, { error: { message: 'Invalid `limit` parameter', code: 400 } }));
    const error = await failure(client.listTeams());
    expect(error).toMatchObject({ code: 'lokalise.request', status: 400 });
    expect(error.message).toContain('Lokalise said: "Invalid `limit` parameter"');
    expect(stub.requests.map((request) => request.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(tokens.refreshes).toBe(1);
  });

  it('recognises a rejected token by its structure alone: a 400 with an RFC 6750 challenge and an unrelated message', async () => {
    const { tokens, client } = await setup((request, response) =>
      request.authorization === 'Bearer token-2'
        ? sendJson(response, 200, teams)
        : sendJson(response, 400, { error: { message: 'Something unexpected', code: 400 } }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' }),
    );
    expect(await client.listTeams()).toHaveLength(1);
    expect(tokens.refreshes).toBe(1);
  });
});

describe('403: a scope the sign-in lacks, or a project the user may not open', () => {
  it('says which scope is missing and tells the session, without a refresh, when the token is known to lack it', async () => {
    const tokens = new ScopedTokens(() => ['read_projects']);
    const { stub, client } = await setup((_request, response) => sendJson(response, 403, forbidden), { tokens });
    const pages = client.keyPages('123.abc');
    const error = await anyFailure(pages.next());
    expect(error).toBeInstanceOf(ScopeMissingError);
    expect(error).toMatchObject({ code: 'auth.scope_missing', scope: 'read_keys' });
    expect(error.message).toContain('read keys (read_keys)');
    expect(error.message).toContain('Sign in again');
    expect(tokens.missing).toEqual(['read_keys']);
    expect(tokens.refreshes).toBe(0);
    expect(stub.requests).toHaveLength(1);
  });

  it('reports no access (not a missing scope) when the token has the scope', async () => {
    const tokens = new ScopedTokens(() => ['read_projects', 'read_keys']);
    const { client } = await setup((_request, response) => sendJson(response, 403, forbidden), { tokens });
    const error = await failure(client.getProject('123.abc'));
    expect(error).toMatchObject({ code: 'lokalise.forbidden', status: 403 });
    expect(tokens.missing).toEqual([]);
    expect(tokens.refreshes).toBe(0);
  });

  it('learns unknown scopes with one refresh (Lokalise names them when it refreshes), then names the missing one', async () => {
    const tokens = new ScopedTokens((token) => (token === 'token-1' ? null : ['read_projects']));
    const { stub, client } = await setup((_request, response) => sendJson(response, 403, forbidden), { tokens });
    const error = await anyFailure(client.keyPages('123.abc').next());
    expect(error).toMatchObject({ code: 'auth.scope_missing', scope: 'read_keys' });
    expect(tokens.refreshes).toBe(1);
    expect(stub.requests.map((request) => request.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('reports no access when the scopes stay unknown after the refresh', async () => {
    const tokens = new ScopedTokens(() => null);
    const { stub, client } = await setup((_request, response) => sendJson(response, 403, forbidden), { tokens });
    expect(await failure(client.getProject('123.abc'))).toMatchObject({ code: 'lokalise.forbidden' });
    expect(stub.requests).toHaveLength(2);
    expect(tokens.missing).toEqual([]);
  });
});

describe('429 Too Many Requests', () => {
  const cool = { error: { message: 'Too many requests. Cool your jets and try again in a bit', code: 429 } };

  it('backs off exponentially with jitter when there is no Retry-After', async () => {
    const { client, delays } = await setup((_request, response, index) => (index < 3 ? sendJson(response, 429, cool) : sendJson(response, 200, teams)), { random: () => 0.5 });
    await client.listTeams();
    expect(delays).toEqual([750, 1500, 3000]);
    expect(client.stats).toMatchObject({ requests: 4, retries: 3, throttled429: 3, rateLimitWaitMs: 5250 });
  });

  it('rides out a storm of 20 bare 429s, far past the old limit of 8 tries, and spends none of the fault budget', async () => {
    const { stub, client, delays } = await setup((_request, response, index) => (index < 20 ? sendJson(response, 429, cool) : sendJson(response, 200, teams)), { maxRetries: 0 });
    expect(await client.listTeams()).toHaveLength(1);
    expect(stub.requests).toHaveLength(21);
    expect(Math.max(...delays)).toBe(30_000);
    expect(delays.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 16000, 30000]);
  });

  it('caps each wait at the configured longest wait and gives up only when the patience is spent, saying why', async () => {
    const { stub, client, delays } = await setup((_request, response) => sendJson(response, 429, cool), { rateLimitPatienceMs: 600_000 });
    const error = await failure(client.listTeams());
    const waited = delays.reduce((sum, delay) => sum + delay, 0);
    expect(waited).toBeLessThanOrEqual(600_000);
    expect(waited + 30_000).toBeGreaterThan(600_000);
    expect(stub.requests).toHaveLength(delays.length + 1);
    expect(error).toMatchObject({ code: 'lokalise.rate_limited', status: 429 });
    expect(error.message).toBe(
      'Lokalise kept limiting requests for 10 minutes while Locdesk was loading your teams, so it stopped trying. ' +
        'Lokalise allows each person 6 requests a second, shared with every other app or script using your account at the same time. Try again later.',
    );
  });

  it('shortens the waits to the configured longest wait', async () => {
    const { client, delays } = await setup((_request, response, index) => (index < 20 ? sendJson(response, 429, cool) : sendJson(response, 200, teams)), { rateLimitMaxWaitMs: 50 });
    await client.listTeams();
    expect(delays).toHaveLength(20);
    expect(new Set(delays)).toEqual(new Set([50]));
  });

  it('waits at least Retry-After seconds', async () => {
    const { client, delays } = await setup((_request, response, index) => (index === 0 ? sendJson(response, 429, cool, { 'Retry-After': '12' }) : sendJson(response, 200, teams)), { random: () => 0 });
    await client.listTeams();
    expect(delays).toEqual([12000]);
  });

  it('honours a Retry-After longer than the longest wait of its own', async () => {
    const { client, delays } = await setup((_request, response, index) => (index === 0 ? sendJson(response, 429, cool, { 'Retry-After': '90' }) : sendJson(response, 200, teams)));
    await client.listTeams();
    expect(delays).toEqual([90_000]);
  });

  it('stops at once when Retry-After asks for longer than the patience', async () => {
    const { stub, client, delays } = await setup((_request, response) => sendJson(response, 429, cool, { 'Retry-After': '7200' }));
    const error = await failure(client.listTeams());
    expect(error.message).toBe('Lokalise asked Locdesk to wait 2 hours before loading your teams, longer than Locdesk waits (10 minutes). Try again later.');
    expect(delays).toEqual([]);
    expect(stub.requests).toHaveLength(1);
  });

  it('says it is waiting, why and until when, and says when the wait is over', async () => {
    const { client } = await setup((_request, response, index) => (index < 2 ? sendJson(response, 429, cool) : sendJson(response, 200, teams)), { random: () => 1 });
    const seen: (RetryWait | null)[] = [];
    client.onRetryWait((wait) => seen.push(wait));
    await client.listTeams();
    expect(seen).toEqual([{ reason: 'rateLimited', at: 1_000_000 + 1000 }, null, { reason: 'rateLimited', at: 1_001_000 + 2000 }, null]);
    expect(client.retryWait).toBeNull();
  });

  it('stops at once when the caller cancels during a rate-limit wait', async () => {
    const controller = new AbortController();
    const { stub, client } = await setup((_request, response) => sendJson(response, 429, cool, { 'Retry-After': '60' }), { sleep: undefined, now: undefined });
    const waiting = new Promise<void>((resolve) => client.onRetryWait((wait) => wait !== null && resolve()));
    const started = performance.now();
    const outcome = client.listTeams(controller.signal).catch((error: unknown) => error);
    await waiting;
    controller.abort();
    expect(await outcome).toBeInstanceOf(CancelledError);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(stub.requests).toHaveLength(1);
    expect(client.retryWait).toBeNull();
  });

  it('reads Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(retryAfterMs('Sun, 01 Mar 2026 10:00:09 GMT', now)).toBe(9000);
    expect(retryAfterMs('Sun, 01 Mar 2026 09:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe('faults', () => {
  it('retries an HTML 502 page and succeeds, with growing delays', async () => {
    const { client, delays } = await setup((_request, response, index) => (index < 2 ? html(response, 502) : sendJson(response, 200, teams)));
    expect(await client.listTeams()).toHaveLength(1);
    expect(delays).toEqual([500, 1000]);
  });

  it('says "error page" and never echoes the HTML once retries are exhausted', async () => {
    const { stub, client } = await setup((_request, response) => html(response, 502), { maxRetries: 2 });
    const error = await failure(client.listTeams());
    expect(error).toMatchObject({ code: 'lokalise.server', status: 502 });
    expect(error.message).toBe('Lokalise returned an error page (HTTP 502) while loading your teams. Try again in a moment.');
    expect(stub.requests).toHaveLength(3);
  });

  it('quotes the message of a JSON 500', async () => {
    const { client } = await setup((_request, response) => sendJson(response, 500, { error: { code: 500, message: 'Database is on fire', details: { x: 1 } } }), { maxRetries: 0 });
    const error = await failure(client.listTeams());
    expect(error.message).toBe('Lokalise had a problem (HTTP 500) while loading your teams. Lokalise said: "Database is on fire". Try again in a moment.');
  });

  it('retries a truncated JSON body, and reports bad_response when it keeps coming', async () => {
    const truncated: StubHandler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"teams":[{"team_id":1,"na');
    };
    const recovering = await setup((request, response, index) => (index === 0 ? truncated(request, response, index) : sendJson(response, 200, teams)));
    expect(await recovering.client.listTeams()).toHaveLength(1);
    await stub?.close();
    const stuck = await setup(truncated, { maxRetries: 1 });
    expect(await failure(stuck.client.listTeams())).toMatchObject({ code: 'lokalise.bad_response' });
    expect(stuck.stub.requests).toHaveLength(2);
  });

  it('retries a dropped connection, and reports lokalise.network when the server keeps dropping', async () => {
    const drop: StubHandler = (_request, response) => {
      response.socket?.destroy();
    };
    const recovering = await setup((request, response, index) => (index === 0 ? drop(request, response, index) : sendJson(response, 200, teams)));
    expect(await recovering.client.listTeams()).toHaveLength(1);
    await stub?.close();
    const stuck = await setup(drop, { maxRetries: 2 });
    const error = await failure(stuck.client.listTeams());
    expect(error).toMatchObject({ code: 'lokalise.network', status: 0 });
    expect(error.message).toBe('Lokalise could not be reached while Locdesk was loading your teams. Check your internet connection.');
    expect(stuck.stub.requests).toHaveLength(3);
  });

  it.each([
    [404, { message: 'Not Found', code: 404 }, 'lokalise.not_found'],
    [404, { error: { message: 'Not Found', code: 404 } }, 'lokalise.not_found'],
  ])('does not retry a %i and keeps the status for the caller', async (status, body, code) => {
    const { stub, client } = await setup((_request, response) => sendJson(response, status, body));
    const error = await failure(client.getProject('123.456'));
    expect(error).toMatchObject({ code, status });
    expect(stub.requests).toHaveLength(1);
  });
});

describe('timeouts and cancellation', () => {
  it('gives up on an attempt that gets no answer, retries, then says Lokalise is not answering', async () => {
    const { stub, client } = await setup((_request, response, index) => (index === 0 ? sendJson(response, 200, teams) : undefined), { timeoutMs: 300, maxRetries: 1 });
    const waits: (RetryWait | null)[] = [];
    client.onRetryWait((wait) => waits.push(wait));
    await client.listTeams();
    const started = performance.now();
    const error = await failure(client.listTeams());
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.code).toBe('lokalise.no_answer');
    expect(error.message).toBe(
      'Lokalise is not answering: 2 tries to load your teams got no reply within 0.3 s. Check your internet connection; a network that wants you to sign in first (hotel or office Wi-Fi), a proxy or a VPN can hold requests like this. Your offline library stays available.',
    );
    expect(waits[0]?.reason).toBe('notAnswering');
    expect(stub.requests).toHaveLength(3);
  });

  it('aborts a silent request with a reason the connectivity tracker recognises', async () => {
    const reasons: boolean[] = [];
    const watching: typeof fetch = async (input, init) => {
      try {
        return await fetch(input, init);
      } catch (error) {
        reasons.push(isNoAnswer(error, init?.signal));
        throw error;
      }
    };
    const { client } = await setup(() => undefined, { timeoutMs: 200, maxRetries: 0, fetch: watching });
    await failure(client.listTeams());
    expect(reasons).toEqual([true]);
  });

  it('lets a slow page that keeps arriving finish, however long it takes in total', async () => {
    const body = JSON.stringify(teams);
    const { stub, client } = await setup(
      async (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        for (const character of body.slice(0, 12)) {
          response.write(character);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        response.end(body.slice(12));
      },
      { timeoutMs: 400, maxRetries: 0 },
    );
    const started = performance.now();
    expect(await client.listTeams()).toHaveLength(1);
    expect(performance.now() - started).toBeGreaterThan(1000);
    expect(stub.requests).toHaveLength(1);
  });

  it('gives up on an answer that stops arriving part-way, and retries it', async () => {
    const { stub, client } = await setup(
      (_request, response, index) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        if (index === 0) response.write('{"teams":[{"team_id":1,');
        else response.end(JSON.stringify(teams));
      },
      { timeoutMs: 300 },
    );
    expect(await client.listTeams()).toHaveLength(1);
    expect(stub.requests).toHaveLength(2);
  });

  it('reports lokalise.stalled when every answer stops part-way', async () => {
    const { client } = await setup(
      (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.write('{"teams":[');
      },
      { timeoutMs: 200, maxRetries: 1 },
    );
    const error = await failure(client.listTeams());
    expect(error.code).toBe('lokalise.stalled');
    expect(error.message).toBe('Lokalise stopped sending your teams part-way 2 times (nothing more came for 0.2 s). Check your internet connection and try again.');
  });

  it('stops a request in flight when the caller aborts, without retrying', async () => {
    const controller = new AbortController();
    const { stub, client } = await setup(() => controller.abort());
    await expect(client.listTeams(controller.signal)).rejects.toBeInstanceOf(CancelledError);
    expect(stub.requests).toHaveLength(1);
    expect(client.stats.retries).toBe(0);
  });

  it('stops during a backoff wait when the caller aborts', async () => {
    const controller = new AbortController();
    const { stub, client } = await setup(
      (_request, response) => {
        sendJson(response, 503, { error: { message: 'Maintenance', code: 503 } });
        setTimeout(() => controller.abort(), 50);
      },
      { sleep: undefined, now: undefined, random: () => 1, maxRetries: 10 },
    );
    await expect(client.listTeams(controller.signal)).rejects.toBeInstanceOf(CancelledError);
    expect(stub.requests).toHaveLength(1);
  });
});

describe('redirects', () => {
  it('never follows a redirect to another origin: that server gets no request, and the error says where it led', async () => {
    elsewhere = await startStub((_request, response) => sendJson(response, 200, teams));
    const target = new URL('/grab', elsewhere.apiUrl).toString();
    const { stub, client } = await setup((_request, response) => {
      response.writeHead(302, { Location: target });
      response.end();
    });
    const error = await failure(client.listTeams());
    expect(error.code).toBe('lokalise.redirected');
    expect(error.message).toContain(new URL(target).host);
    expect(elsewhere.requests).toEqual([]);
    expect(stub.requests).toHaveLength(1);
  });

  it('follows a redirect within the API origin, with the token', async () => {
    const { stub, client } = await setup((request, response) => {
      if (request.path.endsWith('/teams')) {
        response.writeHead(301, { Location: '/api2/teams/' });
        response.end();
        return;
      }
      sendJson(response, 200, teams);
    });
    expect(await client.listTeams()).toHaveLength(1);
    expect(stub.requests.map((request) => [request.path, request.authorization])).toEqual([
      ['/api2/teams', 'Bearer token-1'],
      ['/api2/teams/', 'Bearer token-1'],
    ]);
  });
});

describe('secrets', () => {
  it('never logs the token or the cursor, even while retrying', async () => {
    const cursor = 'eyIxIjo0NDU5NjA2MX0=';
    const { logger, lines } = recordingLogger();
    const { client } = await setup(
      (request, response, index) => {
        if (index === 1) return sendJson(response, 503, { error: { message: 'Try later', code: 503 } });
        if (request.query.get('cursor') === null) return sendJson(response, 200, { keys: [{ key_id: 1, key_name: 'a' }] }, { 'X-Pagination-Next-Cursor': cursor });
        sendJson(response, 200, { keys: [] });
      },
      { logger },
    );
    for await (const page of client.keyPages('p')) expect(page).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/token-1|eyIxIjo0NDU5NjA2MX0/);
  });
});

describe('limits against a real server', () => {
  it('spaces requests to the configured rate, as sent and as they arrive', async () => {
    stub = await startStub((_request, response) => sendJson(response, 200, teams));
    const sentAt: number[] = [];
    const timedFetch: typeof fetch = (input, init) => {
      sentAt.push(Date.now());
      return globalThis.fetch(input, init);
    };
    const client = new LokaliseClient({ apiUrl: stub.apiUrl, fetch: timedFetch, tokens: new CountingTokens(), requestsPerSecond: 10 });
    await Promise.all(Array.from({ length: 8 }, () => client.listTeams()));
    const sendGaps = sentAt.slice(1).map((time, index) => time - (sentAt[index] ?? 0));
    expect(sendGaps).toHaveLength(7);
    // The pacer's 100 ms, less what a collection between its timer and the send could take (unpaced: about 0).
    for (const gap of sendGaps) expect(gap).toBeGreaterThanOrEqual(90);
    // Arrivals are stamped by a server in this same process, whose event loop a loaded machine can hold up long
    // enough to squeeze two of them together (gaps under 70 ms at load 8); their whole span still shows the spacing.
    const arrivals = stub.requests.map((request) => request.arrivedAt);
    expect(arrivals).toHaveLength(8);
    expect((arrivals[7] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThan(7 * 100 - 50);
    expect(client.stats.rateLimitWaitMs).toBeGreaterThan(7 * 70);
  });

  it('never has more than maxConcurrentPerProject requests open against one project', async () => {
    const open = new Map<string, number>();
    const peak = new Map<string, number>();
    stub = await startStub(async (request, response) => {
      const project = request.path.split('/')[3] ?? '';
      open.set(project, (open.get(project) ?? 0) + 1);
      peak.set(project, Math.max(peak.get(project) ?? 0, open.get(project) ?? 0));
      await new Promise((resolve) => setTimeout(resolve, 40));
      open.set(project, (open.get(project) ?? 1) - 1);
      sendJson(response, 200, { project_id: project, name: project });
    });
    const client = new LokaliseClient({ apiUrl: stub.apiUrl, fetch: globalThis.fetch, tokens: new CountingTokens(), requestsPerSecond: 1000, maxConcurrentPerProject: 2 });
    await Promise.all([...Array.from({ length: 6 }, () => client.getProject('a.1')), ...Array.from({ length: 6 }, () => client.getProject('b.2'))]);
    expect(peak).toEqual(new Map([['a.1', 2], ['b.2', 2]]));
    expect(stub.maxInFlight).toBe(4);
  });
});
