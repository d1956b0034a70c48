import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../errors';
import { LokaliseClient, type LokaliseClientOptions } from './client';
import { LokaliseApiError } from './errors';
import { retryAfterMs } from './http';
import { CountingTokens, recordingLogger, sendJson, startStub, type StubHandler, type StubServer } from '../../../test/support/core/lokalise-stub';

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
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
  const caught: unknown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(caught instanceof LokaliseApiError)) throw new Error(`expected a LokaliseApiError, got ${String(caught)}`);
  return caught;
}

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

  it('neither refreshes nor retries a 400 about something else, and keeps the server message', async () => {
    const { stub, tokens, client } = await setup((_request, response) => sendJson(response, 400, { error: { message: 'Invalid `limit` parameter', code: 400 } }));
    const error = await failure(client.listTeams());
    expect(error).toMatchObject({ code: 'lokalise.request', status: 400 });
    expect(error.message).toContain('Lokalise said: "Invalid `limit` parameter"');
    expect(stub.requests).toHaveLength(1);
    expect(tokens.refreshes).toBe(0);
  });
});

describe('429 Too Many Requests', () => {
  const cool = { error: { message: 'Too many requests. Cool your jets and try again in a bit', code: 429 } };

  it('backs off exponentially with full jitter when there is no Retry-After', async () => {
    const { client, delays } = await setup((_request, response, index) => (index < 3 ? sendJson(response, 429, cool) : sendJson(response, 200, teams)), { random: () => 0.5 });
    await client.listTeams();
    expect(delays).toEqual([500, 1000, 2000]);
    expect(client.stats).toMatchObject({ requests: 4, retries: 3, throttled429: 3, rateLimitWaitMs: 3500 });
  });

  it('caps the backoff at 32 s and spends its own budget, not the fault budget', async () => {
    const { stub, client, delays } = await setup((_request, response) => sendJson(response, 429, cool), { maxRetries: 0, maxRateLimitRetries: 7 });
    const error = await failure(client.listTeams());
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 32000]);
    expect(stub.requests).toHaveLength(8);
    expect(error).toMatchObject({ code: 'lokalise.rate_limited', status: 429 });
  });

  it('waits at least Retry-After seconds', async () => {
    const { client, delays } = await setup((_request, response, index) => (index === 0 ? sendJson(response, 429, cool, { 'Retry-After': '12' }) : sendJson(response, 200, teams)), { random: () => 0 });
    await client.listTeams();
    expect(delays).toEqual([12000]);
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
    expect(error.message).toBe('Lokalise could not be reached while loading your teams. Check your connection.');
    expect(stuck.stub.requests).toHaveLength(3);
  });

  it.each([
    [404, { message: 'Not Found', code: 404 }, 'lokalise.not_found'],
    [404, { error: { message: 'Not Found', code: 404 } }, 'lokalise.not_found'],
    [403, { error: { message: 'The token lacks the read_projects scope', code: 403 } }, 'lokalise.forbidden'],
  ])('does not retry a %i and keeps the status for the caller', async (status, body, code) => {
    const { stub, client } = await setup((_request, response) => sendJson(response, status, body));
    const error = await failure(client.getProject('123.456'));
    expect(error).toMatchObject({ code, status });
    expect(stub.requests).toHaveLength(1);
  });
});

describe('timeouts and cancellation', () => {
  it('times out an attempt that never answers, retries, then reports lokalise.timeout', async () => {
    const { stub, client } = await setup((_request, response, index) => (index === 0 ? sendJson(response, 200, teams) : undefined), { timeoutMs: 300, maxRetries: 1 });
    await client.listTeams();
    const error = await failure(client.listTeams());
    expect(error.code).toBe('lokalise.timeout');
    expect(error.message).toBe('Lokalise did not answer in time while loading your teams.');
    expect(stub.requests).toHaveLength(3);
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
  it('spaces request arrivals to the configured rate', async () => {
    stub = await startStub((_request, response) => sendJson(response, 200, teams));
    const client = new LokaliseClient({ apiUrl: stub.apiUrl, fetch: globalThis.fetch, tokens: new CountingTokens(), requestsPerSecond: 10 });
    await Promise.all(Array.from({ length: 8 }, () => client.listTeams()));
    const arrivals = stub.requests.map((request) => request.arrivedAt);
    const gaps = arrivals.slice(1).map((time, index) => time - (arrivals[index] ?? 0));
    expect(gaps).toHaveLength(7);
    for (const gap of gaps) expect(gap).toBeGreaterThan(70);
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
