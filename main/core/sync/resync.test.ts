import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyQuerySchema } from '../../../common/contract';
import { Sequence } from '../../../test/fake-lokalise/random';
import type { FakeLokalise, FakeProject } from '../../../test/fake-lokalise/server';
import { readLibrary } from '../../../test/support/core/library-file';
import { fakeTokens, refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { silentLogger } from '../log';
import { LokaliseClient } from '../lokalise/client';
import { LibraryStore } from '../store';
import { SyncEngine } from './sync-engine';

let rig: SyncRig;
const extra: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const library of extra.splice(0)) await library.close();
  await rig.close();
});

/** A second library on the same fake, synced in full every time: what the incremental one must equal. */
function fullLibrary(fake: FakeLokalise): { folder: string; store: LibraryStore; engine: SyncEngine; close(): Promise<void> } {
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-full-'));
  const store = LibraryStore.open(folder);
  const client = new LokaliseClient({ apiUrl: fake.apiUrl, fetch: globalThis.fetch, tokens: fakeTokens(fake), requestsPerSecond: 1000, sleep: () => Promise.resolve(), timeoutMs: 2000 });
  const engine = new SyncEngine({ store, client, logger: silentLogger, onProgress: () => undefined, onLibraryChanged: () => undefined, progressIntervalMs: 0 });
  const library = {
    folder,
    store,
    engine,
    close: async () => {
      engine.cancel();
      await engine.whenIdle();
      store.close();
    },
  };
  extra.push(library);
  return library;
}

/**
 * Everything a reader can see of a project, row by row, without the row ids and generations that only say when a
 * row was written: languages, keys with their translations, both list orders (by key id), the project's facts and
 * counts, and one search document per key.
 */
function dump(folder: string, projectId: string): unknown {
  const generation = `(SELECT generation FROM projects WHERE project_id = '${projectId}')`;
  const keyColumns =
    'k.key_id, k.name, k.name_ios, k.name_android, k.name_web, k.name_other, k.description, k.context, k.char_limit, k.tags, k.platforms, k.is_plural, k.plural_name, k.is_hidden, k.is_archived, k.created_at, k.modified_at, k.translations_modified_at, k.empty_mask, k.unverified_mask, k.unreviewed_mask';
  return {
    languages: readLibrary(folder, `SELECT position, lang_id, iso, name, is_rtl, plural_forms FROM languages WHERE project_id = ? AND generation = ${generation} ORDER BY position`, projectId),
    keys: readLibrary(folder, `SELECT ${keyColumns}, t.translations FROM keys k JOIN key_translations t ON t.key_row = k.id WHERE k.project_id = ? AND k.generation = ${generation} ORDER BY k.key_id`, projectId),
    orders: readLibrary(
      folder,
      `SELECT o.sort, o.position, k.key_id, o.is_archived, o.is_hidden, o.empty_mask, o.unverified_mask, o.unreviewed_mask FROM key_order o JOIN keys k ON k.id = o.id
       WHERE o.project_id = ? AND o.generation = ${generation} ORDER BY o.sort, o.position`,
      projectId,
    ),
    project: readLibrary(folder, 'SELECT name, description, base_language_id, base_language_iso, team_id, progress_total, keys_total, language_progress, key_counts, snapshot_format FROM projects WHERE project_id = ?', projectId),
    facts: readLibrary(folder, 'SELECT status, key_count, translation_count, last_error FROM sync_facts WHERE project_id = ?', projectId),
    unindexed: readLibrary(folder, `SELECT count(*) FROM keys k WHERE k.project_id = ? AND k.generation = ${generation} AND NOT EXISTS (SELECT 1 FROM search.key_words s WHERE s.rowid = k.id)`, projectId),
    otherRows: readLibrary(folder, `SELECT count(*) FROM keys WHERE project_id = ? AND generation <> ${generation}`, projectId),
  };
}

function searchIds(store: LibraryStore, projectId: string, search: string): number[] {
  const query = KeyQuerySchema.parse({ projectId, sourceIso: 'en', targetIsos: [], includeArchived: true, includeHidden: true, limit: 500, offset: 0, search });
  return store.keyPage(query).items.map((item) => item.keyId);
}

function liveKeyIds(fake: FakeLokalise, project: FakeProject): number[] {
  return [...fake.dataset.liveIndexes(project)].map((index) => fake.dataset.keyIdAt(project, index));
}

/** Random server changes of every kind a resync must notice; returns words that now appear in the project. */
function changeServer(fake: FakeLokalise, project: FakeProject, random: Sequence, round: number, time: number): string[] {
  const { dataset } = fake;
  const words: string[] = [];
  const live = liveKeyIds(fake, project);
  for (let edit = 0; edit < 15; edit += 1) {
    const keyId = random.pick(live);
    const index = dataset.indexOfKeyId(project, keyId);
    const language = random.pick(project.languages);
    const word = `edit${round}x${edit}`;
    if (dataset.flags(project, index).isPlural) {
      fake.updateTranslation(project.projectId, keyId, language.iso, random.chance(0.3) ? '' : Object.fromEntries(language.pluralForms.map((form) => [form, `${word} ${form}`])), time + edit);
    } else {
      fake.updateTranslation(project.projectId, keyId, language.iso, random.chance(0.2) ? '' : `${word} value`, time + edit);
    }
    words.push(word);
  }
  for (let rename = 0; rename < 4; rename += 1) {
    const keyId = random.pick(live);
    const name = `renamed.round${round}.key${rename}`;
    fake.editKey(project.projectId, keyId, { keyNames: { ios: name, android: name, web: name, other: name }, description: random.chance(0.5) ? `described${round}` : '' }, time + 20 + rename);
    words.push(name, `described${round}`);
  }
  fake.editKey(project.projectId, random.pick(live), { tags: ['retagged'], context: `context${round}` }, time + 30);
  const doomed = new Set<number>();
  while (doomed.size < 3) doomed.add(random.pick(live));
  fake.deleteKeys(project.projectId, [...doomed]);
  fake.addKeys(project.projectId, 1 + random.below(6));
  return words;
}

describe('incremental resync', () => {
  it('ends with exactly the rows a full sync writes, over rounds of random server changes (seeded)', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 900, languages: 5, seed: 21 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    expect((await syncAndWait(rig, [project.projectId])).status).toBe('done');
    const random = new Sequence(4242);
    let time = 2_000_000_000;
    for (let round = 1; round <= 5; round += 1) {
      const words = changeServer(rig.fake, project, random, round, time);
      if (round === 3) rig.fake.setLanguageCount(project.projectId, 6);
      if (round === 4) rig.fake.setLanguageCount(project.projectId, 4);
      time += 100;
      const bytesBefore = rig.fake.stats.apiBytes;
      const incremental = await syncAndWait(rig, [project.projectId]);
      const incrementalBytes = rig.fake.stats.apiBytes - bytesBefore;
      expect(incremental).toMatchObject({ status: 'done', message: null });
      const full = fullLibrary(rig.fake);
      const fullBytesBefore = rig.fake.stats.apiBytes;
      expect((await syncAndWait({ ...rig, engine: full.engine }, [project.projectId], { full: true })).status).toBe('done');
      const fullBytes = rig.fake.stats.apiBytes - fullBytesBefore;
      // Changed languages make it a full sync; otherwise it downloads a fraction of the bytes.
      if (round === 3 || round === 4) expect(incremental.changes ?? null).toBeNull();
      else {
        expect(incremental.changes).toMatchObject({ added: expect.any(Number) as number, removed: 3 });
        expect(incrementalBytes / fullBytes).toBeLessThan(0.5);
      }
      expect(dump(rig.folder, project.projectId)).toEqual(dump(full.folder, project.projectId));
      for (const word of [...words.slice(0, 6), 'settings', 'retagged']) {
        expect({ word, ids: searchIds(rig.store, project.projectId, word) }).toEqual({ word, ids: searchIds(full.store, project.projectId, word) });
      }
    }
  });

  it('shows what changed: updated, added and removed keys in the progress and the project facts', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 400, languages: 4, seed: 5 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    await syncAndWait(rig, [project.projectId]);
    const ids = liveKeyIds(rig.fake, project);
    // Times far from every stored one, so no key falls in the recent window and the counts are exact.
    const singular = ids.filter((keyId) => !rig.fake.dataset.flags(project, rig.fake.dataset.indexOfKeyId(project, keyId)).isPlural);
    singular.slice(0, 10).forEach((keyId, index) => rig.fake.updateTranslation(project.projectId, keyId, 'ja', index % 2 === 0 ? '' : `新しい ${index}`, 1_900_000_000 + index));
    rig.fake.editKey(project.projectId, singular[20]!, { description: 'now described' }, 1_900_000_100);
    rig.fake.editKey(project.projectId, singular[21]!, { keyNames: { ios: 'x', android: 'x', web: 'renamed.key', other: 'x' } }, 1_900_000_101);
    rig.fake.deleteKeys(project.projectId, [singular[30]!]);
    rig.fake.addKeys(project.projectId, 3);
    rig.progress.length = 0;
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final).toMatchObject({ status: 'done', changes: { updated: 12, added: 3, removed: 1 } });
    expect(rig.progress.find((entry) => entry.phase === 'keys' && entry.changes !== null && entry.changes !== undefined)?.changes).toEqual({ updated: 12, added: 3, removed: 1 });
    expect(rig.store.project(project.projectId)?.sync).toMatchObject({ status: 'ok', keyCount: 402, changes: { updated: 12, added: 3, removed: 1 } });
    expect(rig.store.keyDetail(project.projectId, singular[21]!)?.keyNames.web).toBe('renamed.key');
    expect(rig.store.keyDetail(project.projectId, singular[30]!)).toBeNull();
    // A full resync stays available, and says nothing about changes.
    const full = await syncAndWait(rig, [project.projectId], { full: true });
    expect(full).toMatchObject({ status: 'done', changes: null });
    expect(rig.store.project(project.projectId)?.sync.changes).toBeNull();
  });

  it('downloads only the listing when nothing changed: no key is fetched again', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 1200, languages: 10, seed: 9 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    const before = rig.fake.stats.apiBytes;
    await syncAndWait(rig, [project.projectId]);
    const fullBytes = rig.fake.stats.apiBytes - before;
    // The basis comes with the newest of its stored times (the end of the recent-edit window), read on the thread.
    const basis = await rig.store.loadResyncBasis(project.projectId);
    const stamps = [...(basis?.modifiedAt ?? []), ...(basis?.translationsModifiedAt ?? [])].filter((stamp) => !Number.isNaN(stamp));
    expect(stamps.length).toBeGreaterThan(0);
    expect(basis?.newestStamp).toBe(Math.max(...stamps));
    const middle = rig.fake.stats.apiBytes;
    const final = await syncAndWait(rig, [project.projectId]);
    expect(final).toMatchObject({ status: 'done', changes: { updated: 0, added: 0, removed: 0 } });
    expect((rig.fake.stats.apiBytes - middle) / fullBytes).toBeLessThan(0.15);
    expect(rig.store.project(project.projectId)?.sync).toMatchObject({ keyCount: 1200, translationCount: 12_000 });
  });
});
