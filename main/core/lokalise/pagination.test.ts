import { afterEach, describe, expect, it } from 'vitest';
import { LokaliseClient } from './client';
import { pageCountOf } from './pagination';
import { CountingTokens, sendJson, startStub, type StubHandler, type StubServer } from '../../../test/support/core/lokalise-stub';
import type { LokaliseKey } from './types';

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function clientFor(handler: StubHandler): Promise<{ client: LokaliseClient; stub: StubServer }> {
  stub = await startStub(handler);
  return { stub, client: new LokaliseClient({ apiUrl: stub.apiUrl, fetch: globalThis.fetch, tokens: new CountingTokens(), requestsPerSecond: 1000 }) };
}

function wireKey(keyId: number): object {
  return { key_id: keyId, key_name: { ios: `k${keyId}`, android: `k${keyId}`, web: `k${keyId}`, other: `k${keyId}` }, is_plural: false, translations: [] };
}

async function keyIds(pages: AsyncGenerator<LokaliseKey[]>): Promise<number[]> {
  const ids: number[] = [];
  for await (const page of pages) ids.push(...page.map((key) => key.keyId));
  return ids;
}

/** Keyset paging over ids 1..total like Lokalise: the cursor is base64 of the last id, sent on every non-empty page. */
function cursorServer(total: number, cursorOnLastPage = true): StubHandler {
  return (request, response) => {
    const limit = Number(request.query.get('limit'));
    const cursor = request.query.get('cursor');
    const after = cursor === null ? 0 : (JSON.parse(Buffer.from(cursor, 'base64').toString()) as Record<string, number>)['1'] ?? 0;
    const ids = Array.from({ length: total }, (_, index) => index + 1).filter((id) => id > after).slice(0, limit);
    const last = ids.at(-1);
    const more = last !== undefined && last < total;
    const headers: Record<string, string> = { 'X-Pagination-Limit': String(limit) };
    if (last !== undefined && (more || cursorOnLastPage)) headers['X-Pagination-Next-Cursor'] = Buffer.from(JSON.stringify({ 1: last })).toString('base64');
    sendJson(response, 200, { project_id: 'p', keys: ids.map(wireKey) }, headers);
  };
}

describe('cursor pagination', () => {
  it('yields every key exactly once when the last non-empty page still carries a cursor, then stops on the empty page', async () => {
    const { client, stub } = await clientFor(cursorServer(5));
    expect(await keyIds(client.keyPages('p', { limit: 2 }))).toEqual([1, 2, 3, 4, 5]);
    expect(stub.requests.map((request) => request.query.get('cursor'))).toEqual([null, 'eyIxIjoyfQ==', 'eyIxIjo0fQ==', 'eyIxIjo1fQ==']);
    expect(stub.requests[0]?.query.get('pagination')).toBe('cursor');
    expect(stub.requests[0]?.query.get('include_translations')).toBe('1');
  });

  it('stops without an extra request when the server omits the cursor on the last page', async () => {
    const { client, stub } = await clientFor(cursorServer(4, false));
    expect(await keyIds(client.keyPages('p', { limit: 2 }))).toEqual([1, 2, 3, 4]);
    expect(stub.requests).toHaveLength(2);
  });

  it('stops when a cursor comes back that was already followed (A → B → A)', async () => {
    const { client, stub } = await clientFor((request, response, index) => {
      const next = request.query.get('cursor') === 'A' ? 'B' : 'A';
      sendJson(response, 200, { keys: [wireKey(index + 1)] }, { 'X-Pagination-Next-Cursor': next });
    });
    expect(await keyIds(client.keyPages('p'))).toEqual([1, 2, 3]);
    expect(stub.requests.map((request) => request.query.get('cursor'))).toEqual([null, 'A', 'B']);
  });

  it('stops on an empty page even when it carries a fresh cursor', async () => {
    const { client, stub } = await clientFor((request, response, index) => {
      const first = request.query.get('cursor') === null;
      sendJson(response, 200, { keys: first ? [wireKey(1)] : [] }, { 'X-Pagination-Next-Cursor': `cursor-${String(index)}` });
    });
    const pages: LokaliseKey[][] = [];
    for await (const page of client.keyPages('p')) pages.push(page);
    expect(pages.map((page) => page.length)).toEqual([1]);
    expect(stub.requests).toHaveLength(2);
  });

  it('stops when the cursor header is absent', async () => {
    const { client, stub } = await clientFor((_request, response) => sendJson(response, 200, { keys: [wireKey(1), wireKey(2)] }));
    expect(await keyIds(client.keyPages('p'))).toEqual([1, 2]);
    expect(stub.requests).toHaveLength(1);
  });

  it('clamps the page size to the 500 keys Lokalise allows and passes the language filter', async () => {
    const { client, stub } = await clientFor(cursorServer(1));
    await keyIds(client.keyPages('p', { limit: 5000, languageIds: [640, 731] }));
    expect(stub.requests[0]?.query.get('limit')).toBe('500');
    expect(stub.requests[0]?.query.get('filter_translation_lang_ids')).toBe('640,731');
  });

  it('sends no further request after the caller stops early', async () => {
    const { client, stub } = await clientFor(cursorServer(100));
    for await (const page of client.keyPages('p', { limit: 10 })) {
      expect(page).toHaveLength(10);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stub.requests.length).toBeLessThanOrEqual(2);
  });

  it('asks for the next page as soon as an answer\'s headers name its cursor, before that answer\'s body is in', async () => {
    let finishFirst: (() => void) | null = null;
    const { client, stub } = await clientFor((request, response) => {
      if (request.query.get('cursor') === null) {
        // Headers and half a body now; the rest only once the next page has been asked for.
        response.writeHead(200, { 'Content-Type': 'application/json', 'X-Pagination-Next-Cursor': 'second' });
        response.write('{"keys":[');
        finishFirst = () => response.end(`${JSON.stringify(wireKey(1))}]}`);
        return;
      }
      finishFirst?.();
      sendJson(response, 200, { keys: [] });
    });
    expect(await keyIds(client.keyPages('p'))).toEqual([1]);
    expect(stub.requests.map((request) => request.query.get('cursor'))).toEqual([null, 'second']);
  });

  it('keeps at most one answer waiting while the caller is busy, and still yields every key once', async () => {
    const { client, stub } = await clientFor(cursorServer(10, false));
    const ids: number[] = [];
    let first = true;
    for await (const page of client.keyPages('p', { limit: 1 })) {
      ids.push(...page.map((key) => key.keyId));
      if (first) {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 150));
        // The page being handled plus one waiting: the chain stops there until the caller takes it.
        expect(stub.requests).toHaveLength(2);
      }
    }
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(stub.requests).toHaveLength(10);
  });

  it('pages translations by cursor with an optional language filter', async () => {
    const { client, stub } = await clientFor((request, response) => {
      const cursor = request.query.get('cursor');
      const translation = { translation_id: cursor === null ? 10 : 11, key_id: 1, language_iso: 'en', translation: 'Hi', modified_at_timestamp: 1 };
      sendJson(response, 200, { translations: cursor === 'end' ? [] : [translation] }, { 'X-Pagination-Next-Cursor': cursor === null ? 'next' : 'end' });
    });
    const ids: number[] = [];
    for await (const page of client.translationPages('p', { languageId: 640 })) ids.push(...page.map((translation) => translation.translationId));
    expect(ids).toEqual([10, 11]);
    expect(stub.requests.map((request) => request.query.get('filter_lang_id'))).toEqual(['640', '640', '640']);
  });
});

describe('offset pagination', () => {
  function offsetServer(total: number, headers: (page: number, limit: number) => Record<string, string>, latency: (page: number) => number = () => 0): StubHandler {
    return async (request, response) => {
      const page = Number(request.query.get('page'));
      const limit = Number(request.query.get('limit'));
      await new Promise((resolve) => setTimeout(resolve, latency(page)));
      const ids = Array.from({ length: total }, (_, index) => index + 1).slice((page - 1) * limit, page * limit);
      sendJson(response, 200, { keys: ids.map(wireKey), teams: ids.map((id) => ({ team_id: id, name: `T${id}`, plan: 'Pro' })) }, headers(page, limit));
    };
  }

  const fullHeaders = (total: number) => (page: number, limit: number) => ({
    'X-Pagination-Total-Count': String(total),
    'X-Pagination-Page-Count': String(Math.ceil(total / limit)),
    'X-Pagination-Limit': String(limit),
    'X-Pagination-Page': String(page),
  });

  it('follows X-Pagination-Page-Count page by page', async () => {
    const { client, stub } = await clientFor(offsetServer(250, fullHeaders(250)));
    const teams = await client.listTeams();
    expect(teams.map((team) => team.teamId)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
    expect(stub.requests.map((request) => request.query.get('page'))).toEqual(['1', '2', '3']);
  });

  it('stops on a page past the end even when the headers promised more', async () => {
    const { client, stub } = await clientFor(offsetServer(150, (page, limit) => ({ ...fullHeaders(150)(page, limit), 'X-Pagination-Page-Count': '9' })));
    expect(await client.listTeams()).toHaveLength(150);
    expect(stub.requests).toHaveLength(3);
  });

  it('derives the page count from Total-Count and Limit, and treats a list without headers as one page', () => {
    expect(pageCountOf(new Headers({ 'X-Pagination-Total-Count': '17', 'X-Pagination-Limit': '2' }))).toBe(9);
    expect(pageCountOf(new Headers({ 'X-Pagination-Page-Count': '3', 'X-Pagination-Total-Count': '1000', 'X-Pagination-Limit': '1' }))).toBe(3);
    expect(pageCountOf(new Headers())).toBe(1);
    expect(pageCountOf(new Headers({ 'X-Pagination-Page-Count': 'many' }))).toBe(1);
  });

  it('fetches key pages concurrently but yields them in order, each key once', async () => {
    const { client, stub } = await clientFor(offsetServer(23, fullHeaders(23), (page) => [0, 60, 40, 20, 0, 30][page - 1] ?? 0));
    const pages: number[][] = [];
    for await (const page of client.keyPagesByOffset('p', { limit: 5, concurrency: 3 })) pages.push(page.map((key) => key.keyId));
    expect(pages.flat()).toEqual(Array.from({ length: 23 }, (_, index) => index + 1));
    expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
    expect(stub.maxInFlight).toBe(3);
    expect(stub.requests.every((request) => request.query.get('pagination') === null && request.query.get('include_translations') === '1')).toBe(true);
  });

  it('drops a key repeated across pages (the list shifted while it was walked)', async () => {
    const { client } = await clientFor((request, response) => {
      const page = Number(request.query.get('page'));
      const ids = page === 1 ? [1, 2] : [2, 3];
      sendJson(response, 200, { keys: ids.map(wireKey) }, { 'X-Pagination-Page-Count': '2' });
    });
    expect(await keyIds(client.keyPagesByOffset('p', { limit: 2 }))).toEqual([1, 2, 3]);
  });
});
