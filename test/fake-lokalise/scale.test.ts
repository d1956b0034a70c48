import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from './pagination';
import { startFakeLokalise, type FakeLokalise } from './server';

/**
 * The benchmark's shape (100,000 keys × 10 languages = 1M translations) must be servable from anywhere in the list
 * without materialising it: every value is generated on demand, filters keep compact typed-array indexes.
 */
let fake: FakeLokalise;
let headers: Record<string, string>;
let base = '';

function memory(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

beforeAll(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 100_000, languages: 10, seed: 2 });
  headers = { Authorization: `Bearer ${fake.issueTokens().accessToken}` };
  base = `${fake.apiUrl}projects/${fake.dataset.projects[0]?.projectId ?? ''}`;
});
afterAll(async () => {
  await fake.close();
});

describe('fake Lokalise at 100,000 keys × 10 languages', () => {
  it('serves statistics, first, last and past-the-end pages of keys and translations without building the project', async () => {
    const project = fake.dataset.projects[0]!;
    const before = memory();

    const statistics = (await (await fetch(`${base}?include_settings=0`, { headers })).json()) as { statistics: { keys_total: number; languages: unknown[] } };
    expect(statistics.statistics.keys_total).toBe(100_000);
    expect(statistics.statistics.languages).toHaveLength(10);

    const first = await fetch(`${base}/keys?pagination=cursor&limit=500&include_translations=1&filter_archived=include`, { headers });
    const firstBody = (await first.json()) as { keys: { key_id: number; translations: unknown[] }[] };
    expect(firstBody.keys).toHaveLength(500);
    expect(firstBody.keys.every((key) => key.translations.length === 10)).toBe(true);

    const nearEnd = encodeCursor(fake.dataset.keyIdAt(project, 99_699));
    const last = await fetch(`${base}/keys?pagination=cursor&limit=500&include_translations=1&filter_archived=include&cursor=${encodeURIComponent(nearEnd)}`, { headers });
    const lastBody = (await last.json()) as { keys: { key_id: number }[] };
    expect(lastBody.keys.map((key) => key.key_id)).toEqual(Array.from({ length: 300 }, (_, offset) => fake.dataset.keyIdAt(project, 99_700 + offset)));
    const lastCursor = last.headers.get('x-pagination-next-cursor');
    expect(lastCursor).toBe(encodeCursor(fake.dataset.keyIdAt(project, 99_999)));
    const after = await fetch(`${base}/keys?pagination=cursor&limit=500&filter_archived=include&cursor=${encodeURIComponent(lastCursor ?? '')}`, { headers });
    expect(((await after.json()) as { keys: unknown[] }).keys).toEqual([]);
    expect(after.headers.get('x-pagination-next-cursor')).toBeNull();

    const translations = await fetch(`${base}/translations?limit=5000&page=200`, { headers });
    expect(translations.headers.get('x-pagination-total-count')).toBe('1000000');
    const translationsBody = (await translations.json()) as { translations: { translation_id: number }[] };
    expect(translationsBody.translations).toHaveLength(5000);
    expect(translationsBody.translations.at(-1)?.translation_id).toBe(fake.dataset.translationIdAt(project, 99_999, 9));

    const untranslated = await fetch(`${base}/translations?limit=10&filter_untranslated=1`, { headers });
    const share = Number(untranslated.headers.get('x-pagination-total-count')) / 900_000;
    expect(share).toBeGreaterThan(0.14);
    expect(share).toBeLessThan(0.16);

    // A materialised project would take well over 500 MB (1M translation objects); the indexes take a few MB.
    expect(memory() - before).toBeLessThan(150_000_000);
  });
});
