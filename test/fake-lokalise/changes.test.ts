import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from './server';

let fake: FakeLokalise;
let headers: Record<string, string>;
let projectId: string;

beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 30, languages: 5, seed: 8 });
  headers = { Authorization: `Bearer ${fake.issueTokens().accessToken}` };
  projectId = fake.dataset.projects[0]?.projectId ?? '';
});
afterEach(async () => {
  await fake.close();
});

interface WireKey {
  key_id: number;
  key_name: { web: string };
  description: string;
  modified_at_timestamp: number;
  translations_modified_at: string;
  translations_modified_at_timestamp: number;
  translations?: { language_iso: string }[];
}

async function keys(query: string): Promise<{ keys: WireKey[]; bytes: number; next: string | null }> {
  const response = await fetch(`${fake.apiUrl}projects/${projectId}/keys?${query}`, { headers });
  const text = await response.text();
  return { keys: (JSON.parse(text) as { keys: WireKey[] }).keys, bytes: Buffer.byteLength(text), next: response.headers.get('x-pagination-next-cursor') };
}

function keyId(index: number): number {
  return fake.dataset.keyIdAt(fake.dataset.projects[0]!, index);
}

describe('fake Lokalise: changes on the server between two syncs', () => {
  it('moves only modified_at when a key is renamed, and both timestamps when a translation is edited', async () => {
    const before = (await keys(`filter_key_ids=${keyId(3)},${keyId(4)}`)).keys;
    fake.editKey(projectId, keyId(3), { keyNames: { ios: 'renamed', android: 'renamed', web: 'renamed', other: 'renamed' }, description: 'New' }, 2_000_000_000);
    fake.updateTranslation(projectId, keyId(4), 'de', 'Neu', 2_000_000_100);
    const after = (await keys(`filter_key_ids=${keyId(3)},${keyId(4)}`)).keys;
    expect(after[0]).toMatchObject({ key_name: { web: 'renamed' }, description: 'New', modified_at_timestamp: 2_000_000_000 });
    expect(after[0]?.translations_modified_at_timestamp).toBe(before[0]?.translations_modified_at_timestamp);
    expect(after[1]).toMatchObject({ modified_at_timestamp: 2_000_000_100, translations_modified_at_timestamp: 2_000_000_100 });
    expect(after[1]?.translations_modified_at).toBe('2033-05-18 03:35:00 (Etc/UTC)');
  });

  it('adds and removes languages at the end of the list, keeping the others', async () => {
    fake.setLanguageCount(projectId, 7);
    const seven = (await keys(`filter_key_ids=${keyId(1)}&include_translations=1`)).keys[0];
    expect(seven?.translations?.map((translation) => translation.language_iso)).toEqual(['en', 'ar', 'ja', 'zh_CN', 'de', 'fr', 'ru']);
    fake.setLanguageCount(projectId, 4);
    const four = (await keys(`filter_key_ids=${keyId(1)}&include_translations=1`)).keys[0];
    expect(four?.translations).toHaveLength(4);
    expect(() => fake.setLanguageCount(projectId, 3)).toThrow(/4 to 10/);
  });

  it('counts the bytes of every API answer', async () => {
    const start = fake.stats.apiBytes;
    const first = await keys('limit=10&include_translations=1');
    const second = await keys('limit=10');
    expect(fake.stats.apiBytes - start).toBe(first.bytes + second.bytes);
    expect(second.bytes).toBeLessThan(first.bytes / 3);
  });

  it('can serve one key on two consecutive cursor pages, as the official SDK fixtures do', async () => {
    fake.switches.repeatKeyAcrossCursorPages = true;
    const first = await keys('pagination=cursor&limit=10');
    const second = await keys(`pagination=cursor&limit=10&cursor=${first.next ?? ''}`);
    expect(second.keys[0]?.key_id).toBe(first.keys.at(-1)?.key_id);
    expect(second.keys).toHaveLength(11);
  });
});
