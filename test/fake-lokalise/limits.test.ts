import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from './server';

let fake: FakeLokalise;
let headers: Record<string, string>;
beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 20 });
  headers = { Authorization: `Bearer ${fake.issueTokens().accessToken}` };
});
afterEach(async () => {
  await fake.close();
});

const tooMany = '{"error":{"message":"Too many requests. Cool your jets and try again in a bit","code":429}}';

describe('fake Lokalise limits and faults', () => {
  it('answers the seventh request within a second with the real 429 body', async () => {
    fake.switches.rateLimit.enabled = true;
    const responses = await Promise.all(Array.from({ length: 8 }, () => fetch(`${fake.apiUrl}teams`, { headers })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(6);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    const limited = responses.find((response) => response.status === 429);
    expect(await limited?.text()).toBe(tooMany);
    expect(limited?.headers.get('retry-after')).toBeNull();
    expect(fake.stats.rateLimited).toBe(2);
  });

  it('limits concurrent requests per project', async () => {
    fake.switches.rateLimit = { enabled: true, requestsPerSecond: 100, maxConcurrentPerProject: 2, sendRetryAfter: true };
    fake.switches.faults.latencyMs = 100;
    const projectId = fake.dataset.projects[0]?.projectId ?? '';
    const statuses = await Promise.all(
      Array.from({ length: 4 }, async () => (await fetch(`${fake.apiUrl}projects/${projectId}/languages`, { headers })).status),
    );
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    expect(fake.stats.maxConcurrentSeen).toBe(2);
  });

  it.each([
    ['html500', 500],
    ['html502', 502],
    ['html503', 503],
  ] as const)('injects %s with an HTML body', async (kind, status) => {
    fake.switches.faults.failNextRequests = 1;
    fake.switches.faults.failureKind = kind;
    const failed = await fetch(`${fake.apiUrl}teams`, { headers });
    expect(failed.status).toBe(status);
    expect(failed.headers.get('content-type')).toBe('text/html');
    expect(await failed.text()).toContain('<html>');
    expect((await fetch(`${fake.apiUrl}teams`, { headers })).status).toBe(200);
  });

  it('drops the connection', async () => {
    fake.switches.faults.failNextRequests = 1;
    fake.switches.faults.failureKind = 'drop';
    await expect(fetch(`${fake.apiUrl}teams`, { headers })).rejects.toThrow();
  });

  it('truncates the JSON body', async () => {
    fake.switches.faults.failNextRequests = 1;
    fake.switches.faults.failureKind = 'truncate';
    const response = await fetch(`${fake.apiUrl}teams`, { headers });
    await expect(response.json()).rejects.toThrow();
  });

  it('only fails requests whose path matches', async () => {
    fake.switches.faults.failNextRequests = 1;
    fake.switches.faults.matchPath = /\/keys/;
    expect((await fetch(`${fake.apiUrl}teams`, { headers })).status).toBe(200);
    expect(fake.switches.faults.failNextRequests).toBe(1);
  });

  it('truncates a chunked JSON body', async () => {
    fake.switches.faults.failNextRequests = 1;
    fake.switches.faults.failureKind = 'truncate-chunked';
    const response = await fetch(`${fake.apiUrl}teams`, { headers });
    expect(response.headers.get('content-length')).toBeNull();
    await expect(response.text()).rejects.toThrow();
  });

  it('injects the real 429 body as a fault, with Retry-After when asked for', async () => {
    fake.switches.faults.failNextRequests = 1;
    fake.switches.faults.failureKind = '429';
    const limited = await fetch(`${fake.apiUrl}teams`, { headers });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toBe(tooMany);
    fake.switches.rateLimit = { enabled: true, requestsPerSecond: 1, maxConcurrentPerProject: 10, sendRetryAfter: true };
    const fresh = { Authorization: `Bearer ${fake.issueTokens().accessToken}` };
    const statuses = [];
    for (let attempt = 0; attempt < 2; attempt += 1) statuses.push(await fetch(`${fake.apiUrl}teams`, { headers: fresh }));
    expect(statuses.map((response) => response.status)).toEqual([200, 429]);
    expect(statuses[1]?.headers.get('retry-after')).toBe('1');
  });

  it('puts a burst of bare 429s after the spared requests, in the middle of a listing', async () => {
    fake.switches.faults = { ...fake.switches.faults, failNextRequests: 3, spareRequests: 2, failureKind: '429', matchPath: /\/teams$/ };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const response = await fetch(`${fake.apiUrl}teams`, { headers });
      expect(response.headers.get('retry-after')).toBeNull();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429, 429, 429, 200, 200]);
  });

  it('accepts a request and never answers it (hang)', async () => {
    fake.switches.faults = { ...fake.switches.faults, failNextRequests: 1, failureKind: 'hang' };
    const outcome = await fetch(`${fake.apiUrl}teams`, { headers, signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      (error: unknown) => (error as Error).name,
    );
    expect(outcome).toBe('TimeoutError');
    expect(fake.stats.faultsInjected).toBe(1);
    expect((await fetch(`${fake.apiUrl}teams`, { headers })).status).toBe(200);
  });

  it('starts an answer and goes silent with the connection open (stall)', async () => {
    fake.switches.faults = { ...fake.switches.faults, failNextRequests: 1, failureKind: 'stall' };
    const response = await fetch(`${fake.apiUrl}teams`, { headers, signal: AbortSignal.timeout(400) });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await expect(reader.read()).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('counts the requests that start a list from its first page, by route', async () => {
    const projectId = fake.dataset.projects[0]?.projectId ?? '';
    const keys = `${fake.apiUrl}projects/${projectId}/keys?pagination=cursor&limit=5`;
    const first = await fetch(keys, { headers });
    await fetch(`${keys}&cursor=${encodeURIComponent(first.headers.get('x-pagination-next-cursor') ?? '')}`, { headers });
    await fetch(`${fake.apiUrl}teams?page=2`, { headers });
    await fetch(`${fake.apiUrl}teams`, { headers });
    expect(fake.stats.firstPages).toEqual({ 'projects/:id/keys': 1, teams: 1 });
  });

  it('fails a seeded share of requests, the same ones for the same seed', async () => {
    const pattern = async (server: FakeLokalise): Promise<string> => {
      server.switches.faults.failureRate = 0.5;
      const token = { Authorization: `Bearer ${server.issueTokens().accessToken}` };
      let outcome = '';
      for (let attempt = 0; attempt < 30; attempt += 1) outcome += (await fetch(`${server.apiUrl}teams`, { headers: token })).status === 200 ? '.' : 'x';
      return outcome;
    };
    const first = await pattern(fake);
    const twin = await startFakeLokalise({ projects: 1, keysPerProject: 20 });
    try {
      expect(await pattern(twin)).toBe(first);
    } finally {
      await twin.close();
    }
    expect(first).toContain('x');
    expect(first).toContain('.');
    expect(fake.stats.faultsInjected).toBe(first.split('x').length - 1);
  });

  it('leaves the token endpoint alone unless matchPath names it', async () => {
    const { refreshToken } = fake.issueTokens();
    const refresh = (): Promise<Response> =>
      fetch(fake.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_id: fake.clientId, client_secret: fake.clientSecret, refresh_token: refreshToken, grant_type: 'refresh_token' }),
      });
    fake.switches.faults.failNextRequests = 1;
    fake.switches.faults.failureKind = 'html502';
    expect((await refresh()).status).toBe(200);
    fake.switches.faults.matchPath = /^\/oauth2\/token$/;
    expect((await refresh()).status).toBe(502);
    expect((await refresh()).status).toBe(200);
    expect(fake.stats.refreshes).toBe(2);
  });
});
