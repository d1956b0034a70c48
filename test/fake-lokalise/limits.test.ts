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
});
