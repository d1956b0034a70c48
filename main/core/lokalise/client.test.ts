import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import type { TokenSource } from '../auth/token-source';
import { CancelledError } from '../errors';
import { LokaliseClient, type LokaliseClientOptions } from './client';
import type { LokaliseKey } from './types';

/** A token source over the fake that counts refreshes like the session would. */
class FakeTokens implements TokenSource {
  public refreshes = 0;
  private token: string;

  public constructor(private readonly fake: FakeLokalise) {
    this.token = fake.issueTokens().accessToken;
  }

  public accessToken(): Promise<string> {
    return Promise.resolve(this.token);
  }

  public refreshAfterRejection(rejected: string): Promise<string> {
    if (rejected === this.token) {
      this.refreshes += 1;
      this.token = this.fake.issueTokens().accessToken;
    }
    return Promise.resolve(this.token);
  }
}

let fake: FakeLokalise;
let tokens: FakeTokens;
const delays: number[] = [];
const noWait = (milliseconds: number): Promise<void> => {
  delays.push(milliseconds);
  return Promise.resolve();
};

beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 2, keysPerProject: 1234, languages: 6, seed: 5 });
  tokens = new FakeTokens(fake);
  delays.length = 0;
});
afterEach(async () => {
  await fake.close();
});

function client(overrides: Partial<LokaliseClientOptions> = {}): LokaliseClient {
  return new LokaliseClient({ apiUrl: fake.apiUrl, fetch: globalThis.fetch, tokens, requestsPerSecond: 1000, sleep: noWait, random: () => 0.5, ...overrides });
}

async function collect(pages: AsyncGenerator<LokaliseKey[]>): Promise<LokaliseKey[]> {
  const all: LokaliseKey[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

describe('LokaliseClient against the fake', () => {
  it('lists projects with statistics and languages with plural forms and RTL', async () => {
    const api = client();
    const projects = await api.listProjects();
    expect(projects.map((entry) => entry.name)).toEqual(fake.dataset.projects.map((entry) => entry.name));
    expect(projects[0]?.keysTotal).toBe(1234);
    expect(projects[0]?.languages).toHaveLength(6);
    const languages = await api.listLanguages(projects[0]?.projectId ?? '');
    expect(languages.find((language) => language.iso === 'ar')).toMatchObject({ isRtl: true, pluralForms: ['zero', 'one', 'two', 'few', 'many', 'other'] });
  });

  it('pages every key exactly once through the cursor, despite the cursor on the last page', async () => {
    const api = client();
    const project = fake.dataset.projects[0]!;
    const keys = await collect(api.keyPages(project.projectId));
    expect(keys).toHaveLength(1234);
    expect(new Set(keys.map((key) => key.keyId)).size).toBe(1234);
    expect(fake.stats.byRoute['projects/:id/keys']).toBe(4);
  });

  it('decodes keys and translations exactly as the fake generated them', async () => {
    const project = fake.dataset.projects[0]!;
    const keys = await collect(client().keyPages(project.projectId));
    for (const index of [0, 17, 400, 1233]) {
      const expected = fake.dataset.key(project, index);
      const actual = keys.find((key) => key.keyId === expected.keyId);
      expect(actual?.keyNames).toEqual(expected.keyNames);
      expect(actual?.isArchived).toBe(expected.isArchived);
      expect(actual?.modifiedAt).toBe(expected.modifiedAt * 1000);
      for (const translation of expected.translations) {
        const received = actual?.translations.find((entry) => entry.languageIso === translation.language.iso);
        expect(received?.value).toBe(translation.value);
        expect(received?.pluralForms ?? null).toEqual(translation.value === '' ? null : translation.plural);
        expect(received?.isReviewed).toBe(translation.isReviewed);
      }
    }
    const plural = keys.find((key) => key.isPlural && key.translations.some((entry) => entry.languageIso === 'ar' && entry.value !== ''));
    expect(Object.keys(plural?.translations.find((entry) => entry.languageIso === 'ar')?.pluralForms ?? {})).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(keys.some((key) => key.translations.some((entry) => entry.value.includes('</b>') || entry.value.includes('https://')))).toBe(true);
  });

  it('pages every key exactly once by offset with several pages in flight, within the per-project limit', async () => {
    fake.switches.faults.latencyMs = 20;
    const project = fake.dataset.projects[1]!;
    const keys = await collect(client({ maxConcurrentPerProject: 3 }).keyPagesByOffset(project.projectId, { limit: 100, concurrency: 5 }));
    expect(keys.map((key) => key.keyId)).toEqual([...fake.dataset.liveIndexes(project)].map((index) => fake.dataset.keyIdAt(project, index)));
    expect(fake.stats.byRoute['projects/:id/keys']).toBe(13);
    expect(fake.stats.maxConcurrentSeen).toBe(3);
  });

  it('pages translations by cursor and filters one language', async () => {
    const project = fake.dataset.projects[0]!;
    const english = project.languages[0]!;
    const expected = [...fake.dataset.liveIndexes(project)].flatMap((index) => fake.dataset.key(project, index).translations).filter((entry) => entry.language.langId === english.langId);
    const received: number[] = [];
    for await (const page of client().translationPages(project.projectId, { limit: 300, languageId: english.langId })) received.push(...page.map((entry) => entry.translationId));
    expect(received).toEqual(expected.map((entry) => entry.translationId));
  });

  it('reads one project and the signed-in contributor', async () => {
    const api = client();
    const project = fake.dataset.projects[0]!;
    expect(await api.getProject(project.projectId)).toMatchObject({ projectId: project.projectId, name: project.name, keysTotal: 1234 });
    const me = await api.currentContributor(project.projectId);
    expect(me.email).toContain('@');
    expect(me.userId).toBeGreaterThan(0);
  });

  it('refreshes once on a 401 and retries', async () => {
    const api = client();
    fake.expireAccessTokens();
    expect(await api.listTeams()).toHaveLength(2);
    expect(tokens.refreshes).toBe(1);
  });

  it('treats a 400 about the token like a 401', async () => {
    fake.switches.invalidTokenStatus = 400;
    fake.expireAccessTokens();
    await client().listTeams();
    expect(tokens.refreshes).toBe(1);
  });

  it('gives up with auth.required when the fresh token is rejected too', async () => {
    const stubborn: TokenSource = { accessToken: () => Promise.resolve('bad'), refreshAfterRejection: () => Promise.resolve('still-bad') };
    await expect(client({ tokens: stubborn }).listTeams()).rejects.toMatchObject({ code: 'auth.required' });
  });

  it.each(['html500', 'html502', 'drop', 'truncate', '429'] as const)('retries after %s and succeeds', async (kind) => {
    fake.switches.faults.failNextRequests = 2;
    fake.switches.faults.failureKind = kind;
    expect(await client().listTeams()).toHaveLength(2);
    expect(fake.stats.faultsInjected).toBe(2);
  });

  it('gives up after the retry budget with a clear message', async () => {
    fake.switches.faults.failNextRequests = 100;
    fake.switches.faults.failureKind = 'html502';
    const error = (await client({ maxRetries: 2 }).listTeams().catch((caught: unknown) => caught)) as { code: string; message: string };
    expect(error.code).toBe('lokalise.server');
    expect(error.message).toBe('Lokalise returned an error page (HTTP 502) while loading your teams. Try again in a moment.');
    expect(fake.stats.faultsInjected).toBe(3);
  });

  it('does not retry a 404 and says what was missing', async () => {
    await expect(client().getProject('000.000')).rejects.toMatchObject({ code: 'lokalise.not_found', status: 404 });
    expect(fake.stats.apiRequests).toBe(1);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client().listTeams(controller.signal)).rejects.toBeInstanceOf(CancelledError);
  });

  it('keeps per-project concurrency within the limit', async () => {
    fake.switches.faults.latencyMs = 30;
    const api = client({ maxConcurrentPerProject: 3 });
    const project = fake.dataset.projects[0]!;
    await Promise.all(Array.from({ length: 9 }, () => api.listLanguages(project.projectId)));
    expect(fake.stats.maxConcurrentSeen).toBe(3);
  });

  it('stays under the fake rate limit at six requests per second without a single 429', async () => {
    fake.switches.rateLimit.enabled = true;
    const api = new LokaliseClient({ apiUrl: fake.apiUrl, fetch: globalThis.fetch, tokens, requestsPerSecond: 6 });
    await Promise.all(Array.from({ length: 8 }, () => api.listTeams()));
    expect(fake.stats.rateLimited).toBe(0);
    expect(api.stats.rateLimitWaitMs).toBeGreaterThan(0);
  });
});

describe('LokaliseClient against exact stubs', () => {
  let server: Server;
  let handler: (request: IncomingMessage, response: ServerResponse) => void;
  let url: string;
  const fixedTokens: TokenSource = { accessToken: () => Promise.resolve('token'), refreshAfterRejection: () => Promise.resolve('token') };

  beforeEach(async () => {
    server = createServer((request, response) => handler(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api2/`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function stubClient(): LokaliseClient {
    return new LokaliseClient({ apiUrl: url, fetch: globalThis.fetch, tokens: fixedTokens, requestsPerSecond: 1000, sleep: noWait, random: () => 1 });
  }

  it('stops when a cursor repeats instead of looping forever', async () => {
    let calls = 0;
    handler = (_request, response) => {
      calls += 1;
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-Pagination-Next-Cursor': 'same' });
      response.end(JSON.stringify({ keys: [{ key_id: calls, key_name: 'k', is_plural: false }] }));
    };
    const keys = await collect(stubClient().keyPages('p'));
    expect(keys.map((key) => key.keyId)).toEqual([1, 2]);
    expect(calls).toBe(2);
  });

  it('stops when the cursor header is missing or empty', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-Pagination-Next-Cursor': '' });
      response.end(JSON.stringify({ keys: [{ key_id: 1, key_name: { ios: 'a', android: 'a', web: 'a', other: 'a' } }] }));
    };
    expect(await collect(stubClient().keyPages('p'))).toHaveLength(1);
  });

  it('honours Retry-After on 429 and reads both error shapes', async () => {
    let calls = 0;
    handler = (_request, response) => {
      calls += 1;
      if (calls === 1) {
        response.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '7' });
        response.end('{"error":{"message":"Too many requests. Cool your jets and try again in a bit","code":429}}');
        return;
      }
      response.writeHead(403, { 'Content-Type': 'application/json' });
      response.end('{"message":"Permission denied for <b>this</b> project","code":403}');
    };
    const error = (await stubClient().listTeams().catch((caught: unknown) => caught)) as { code: string; message: string };
    expect(delays).toContain(7000);
    expect(error.code).toBe('lokalise.forbidden');
    expect(error.message).toContain('Lokalise said: "Permission denied for b this /b project"');
    expect(error.message).not.toContain('<b>');
  });

  it('times out a request that never answers and retries it', async () => {
    let calls = 0;
    handler = (_request, response) => {
      calls += 1;
      if (calls === 2) return;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"teams":[]}');
    };
    // The first call warms the connection pool, so the 300 ms budget is spent on the hung request, not on start-up.
    const api = new LokaliseClient({ apiUrl: url, fetch: globalThis.fetch, tokens: fixedTokens, timeoutMs: 300, sleep: noWait });
    expect(await api.listTeams()).toEqual([]);
    expect(await api.listTeams()).toEqual([]);
    expect(calls).toBe(3);
    expect(api.stats.retries).toBe(1);
  });

  it('names the endpoint when a response has the wrong shape', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"projects":[{"project_id":"p","statistics":{"progress_total":"lots"}}]}');
    };
    await expect(stubClient().listProjects()).rejects.toMatchObject({ code: 'lokalise.bad_response', message: expect.stringContaining('a project') as string });
  });
});
