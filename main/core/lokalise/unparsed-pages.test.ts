import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import type { TokenSource } from '../auth/token-source';
import { LokaliseClient } from './client';
import type { KeyPageInput, LokaliseKey } from './types';
import { readKeyPage } from './wire';

const fixedTokens = (token: string): TokenSource => ({ accessToken: () => Promise.resolve(token), refreshAfterRejection: () => Promise.resolve(token) });
const noWait = (): Promise<void> => Promise.resolve();

async function collect<T>(pages: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

/** True when `page` is Lokalise's bytes in a buffer of their own: what the sync transfers to the writing thread. */
function isOwnBytes(page: KeyPageInput): boolean {
  if (!('unparsed' in page) || typeof page.unparsed === 'string') return false;
  const { buffer, byteOffset, byteLength } = page.unparsed;
  return buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength;
}

describe('unparsed key pages against the fake', () => {
  let fake: FakeLokalise;
  beforeEach(async () => {
    fake = await startFakeLokalise({ projects: 1, keysPerProject: 1234, languages: 6, seed: 8 });
  });
  afterEach(async () => {
    await fake.close();
  });

  function client(): LokaliseClient {
    return new LokaliseClient({ apiUrl: fake.apiUrl, fetch: globalThis.fetch, tokens: fixedTokens(fake.issueTokens().accessToken), requestsPerSecond: 1000, sleep: noWait });
  }

  it('hands every page over as its own bytes, which read to exactly the keys keyPages decodes', async () => {
    const project = fake.dataset.projects[0]!;
    const pages = await collect(client().unparsedKeyPages(project.projectId));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every(isOwnBytes)).toBe(true);
    const parsed = (await collect(client().keyPages(project.projectId))).flat();
    expect(pages.flatMap((page) => [...readKeyPage(page)])).toEqual(parsed);
    expect(parsed).toHaveLength(1234);
  });

  it('hands the keys asked for by id over as bytes too, and reads them as keysByIds does', async () => {
    const project = fake.dataset.projects[0]!;
    const ids = [0, 5, 400, 777, 1233].map((index) => fake.dataset.keyIdAt(project, index));
    const pages = await collect(client().unparsedKeysByIds(project.projectId, ids));
    expect(pages.every(isOwnBytes)).toBe(true);
    const keys: LokaliseKey[] = pages.flatMap((page) => [...readKeyPage(page)]);
    expect(keys.map((key) => key.keyId).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(keys).toEqual((await collect(client().keysByIds(project.projectId, ids))).flat());
  });
});

describe('unparsed key pages against exact stubs', () => {
  let server: Server;
  let handler: (request: IncomingMessage, response: ServerResponse) => void;
  let url: string;

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
    return new LokaliseClient({ apiUrl: url, fetch: globalThis.fetch, tokens: fixedTokens('token'), requestsPerSecond: 1000, sleep: noWait, random: () => 1 });
  }

  /** A wire key long enough that a page of a few is past the size parsed on arrival. */
  const wireKey = (keyId: number): Record<string, unknown> => ({
    key_id: keyId,
    key_name: { ios: `k${keyId}`, android: `k${keyId}`, web: `k${keyId}`, other: `k${keyId}` },
    description: 'Ä'.repeat(1500),
    translations: [{ translation_id: keyId * 10, key_id: keyId, language_iso: 'de', translation: `Übersetzung ${keyId} 設定` }],
  });

  it('keeps a byte-order mark and blanks around the JSON out of the way, and ends the walk at a short empty page', async () => {
    let calls = 0;
    handler = (_request, response) => {
      calls += 1;
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-Pagination-Next-Cursor': calls === 1 ? 'next' : '' });
      const body = calls === 1 ? { keys: [wireKey(1), wireKey(2)] } : { keys: [] };
      response.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(` \n${JSON.stringify(body)}\n `)]));
    };
    const pages = await collect(stubClient().unparsedKeyPages('p'));
    expect(calls).toBe(2);
    expect(pages).toHaveLength(1);
    expect(isOwnBytes(pages[0]!)).toBe(true);
    expect(readKeyPage(pages[0]!).map((key) => [key.keyId, key.translations[0]?.value])).toEqual([
      [1, 'Übersetzung 1 設定'],
      [2, 'Übersetzung 2 設定'],
    ]);
  });

  it('retries a cut-off page as an incomplete answer instead of handing it over', async () => {
    let calls = 0;
    handler = (_request, response) => {
      calls += 1;
      const whole = JSON.stringify({ keys: [wireKey(7), wireKey(8)] });
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(calls === 1 ? whole.slice(0, -40) : whole);
    };
    const api = stubClient();
    const pages = await collect(api.unparsedKeyPages('p'));
    expect(calls).toBe(2);
    expect(api.stats.retries).toBe(1);
    expect(pages.flatMap((page) => readKeyPage(page).map((key) => key.keyId))).toEqual([7, 8]);
  });

  it('lets two answers wait while the writer is busy with a page, then yields every key once', async () => {
    const cursors: (string | null)[] = [];
    handler = (request, response) => {
      const cursor = new URL(request.url ?? '/', url).searchParams.get('cursor');
      cursors.push(cursor);
      const keyId = cursor === null ? 1 : Number(cursor) + 1;
      response.writeHead(200, { 'Content-Type': 'application/json', ...(keyId < 6 ? { 'X-Pagination-Next-Cursor': String(keyId) } : {}) });
      response.end(JSON.stringify({ keys: [wireKey(keyId)] }));
    };
    const keyIds: number[] = [];
    let busy = true;
    for await (const page of stubClient().unparsedKeyPages('p')) {
      keyIds.push(...readKeyPage(page).map((key) => key.keyId));
      if (busy) {
        busy = false;
        // The page being stored plus two waiting (however long a loaded machine takes to ask for them), and then
        // no more while the writer stays busy; the chain goes on when it takes the next.
        await vi.waitFor(() => expect(cursors).toHaveLength(3), { timeout: 5000 });
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(cursors).toEqual([null, '1', '2']);
      }
    }
    expect(keyIds).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cursors).toEqual([null, '1', '2', '3', '4', '5']);
  });

  it('reads a short page where it arrives, so an empty first page is the end of the list', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"project_id":"p","keys":[]}');
    };
    expect(await collect(stubClient().unparsedKeyPages('p'))).toEqual([]);
  });
});
