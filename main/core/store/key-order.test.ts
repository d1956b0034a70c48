import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KeyQuerySchema, type KeyQueryInput } from '../../../common/contract';
import type { FakeProject } from '../../../test/fake-lokalise/server';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { internalsOf, LibraryStore } from './library-store';
import { migrations } from './migrations';
import { currentGeneration } from './project-rows';
import { SnapshotWriter } from './snapshot-writer';

let rig: SyncRig;
let project: FakeProject;

beforeAll(async () => {
  // The writer is watched from here (prepareOrders), so it runs on this thread rather than the writing thread.
  rig = await syncRig({ projects: 1, keysPerProject: 1200, languages: 6, seed: 44 }, {}, { writingThread: false });
  await refreshList(rig);
  project = rig.fake.dataset.projects[0]!;
  await syncAndWait(rig, null);
});
afterAll(async () => {
  await rig.close();
});

/** Every page of a list, in order, read through the store as the renderer does. */
function listed(store: LibraryStore, input: Partial<KeyQueryInput>): { total: number; keyIds: number[] } {
  const keyIds: number[] = [];
  for (let offset = 0; ; offset += 97) {
    const page = store.keyPage(KeyQuerySchema.parse({ projectId: project.projectId, sourceIso: 'en', targetIsos: ['ja'], limit: 97, offset, ...input }));
    keyIds.push(...page.items.map((item) => item.keyId));
    if (page.items.length === 0) return { total: page.total, keyIds };
  }
}

/**
 * The same list sorted straight from the key rows, with SQLite's own ORDER BY: the reference key_order must equal.
 * `condition` is on the keys table; masks use language position 1 (ar, after en).
 */
function sortedFromKeys(store: LibraryStore, sort: 'name' | 'modified', condition: string): number[] {
  const generation = currentGeneration(internalsOf(store).connection, project.projectId);
  const order = sort === 'name' ? 'name COLLATE NOCASE, key_id' : 'modified_at DESC, key_id';
  return (internalsOf(store).connection
    .prepare(`SELECT key_id FROM keys WHERE project_id = ? AND generation = ? AND ${condition} ORDER BY ${order}`)
    .raw(true)
    .all(project.projectId, generation) as [number][]).map((row) => row[0]);
}

const cases: { input: Partial<KeyQueryInput>; condition: string }[] = [
  { input: {}, condition: 'is_archived = 0 AND is_hidden = 0' },
  { input: { includeArchived: true, includeHidden: true }, condition: '1' },
  { input: { includeHidden: true }, condition: 'is_archived = 0' },
  { input: { status: 'untranslated', statusIso: 'ar' }, condition: 'is_archived = 0 AND is_hidden = 0 AND (empty_mask & 2) != 0' },
  { input: { status: 'notReviewed', statusIso: 'ar', includeArchived: true }, condition: 'is_hidden = 0 AND (unreviewed_mask & 2) != 0' },
  { input: { status: 'unverified', statusIso: 'ar' }, condition: 'is_archived = 0 AND is_hidden = 0 AND (unverified_mask & 2) != 0' },
];

describe('list orders (key_order)', () => {
  it('lists every filter in both sorts exactly as a sort of the key rows would, page after page', () => {
    expect(rig.store.facets(project.projectId).languages.map((language) => language.iso).slice(0, 2)).toEqual(['en', 'ar']);
    for (const { input, condition } of cases) {
      for (const sort of ['name', 'modified'] as const) {
        const expected = sortedFromKeys(rig.store, sort, condition);
        expect(expected.length).toBeGreaterThan(0);
        expect({ sort, input, ...listed(rig.store, { ...input, sort }) }).toEqual({ sort, input, total: expected.length, keyIds: expected });
      }
    }
  });

  it('keeps order rows for the current snapshot only, two per key, after a resync that deletes and adds keys', async () => {
    const deleted = listed(rig.store, {}).keyIds.slice(0, 3);
    rig.fake.deleteKeys(project.projectId, deleted);
    rig.fake.dataset.addKeys(project.projectId, 5);
    expect((await syncAndWait(rig, [project.projectId])).status).toBe('done');
    const generation = currentGeneration(internalsOf(rig.store).connection, project.projectId);
    const rows = internalsOf(rig.store).connection.prepare('SELECT generation, sort, count(*) FROM key_order GROUP BY generation, sort').raw(true).all();
    const keyCount = (internalsOf(rig.store).connection.prepare('SELECT count(*) FROM keys WHERE generation = ?').raw(true).get(generation) as [number])[0];
    expect(rows).toEqual([[generation, 0, keyCount], [generation, 1, keyCount]]);
    const all = listed(rig.store, { includeArchived: true, includeHidden: true });
    expect(all.keyIds).toEqual(sortedFromKeys(rig.store, 'name', '1'));
    expect(all.keyIds.filter((keyId) => deleted.includes(keyId))).toEqual([]);
  });

  it.each([
    ['understates the keys, so the orders are written early and again at the swap', 300],
    ['overstates the keys, so the orders are written only at the swap', 5000],
  ])('keeps the lists whole when the project statistics %s', async (_case, keysTotal) => {
    const getProject = rig.client.getProject.bind(rig.client);
    const prepared = vi.spyOn(SnapshotWriter.prototype, 'prepareOrders');
    let preparedCalls: number;
    rig.client.getProject = async (...input) => ({ ...(await getProject(...input)), keysTotal });
    try {
      rig.fake.dataset.addKeys(project.projectId, 3);
      expect((await syncAndWait(rig, [project.projectId], { full: true })).status).toBe('done');
      preparedCalls = prepared.mock.calls.length;
    } finally {
      rig.client.getProject = getProject;
      prepared.mockRestore();
    }
    // Once when page one already held more keys than reported, and once more at the swap for the keys after it.
    expect(preparedCalls).toBe(keysTotal < 1200 ? 2 : 1);
    const generation = currentGeneration(internalsOf(rig.store).connection, project.projectId);
    const keyCount = (internalsOf(rig.store).connection.prepare('SELECT count(*) FROM keys WHERE generation = ?').raw(true).get(generation) as [number])[0];
    const rows = internalsOf(rig.store).connection.prepare('SELECT generation, sort, count(*) FROM key_order GROUP BY generation, sort').raw(true).all();
    expect(rows).toEqual([[generation, 0, keyCount], [generation, 1, keyCount]]);
    for (const sort of ['name', 'modified'] as const) {
      expect(listed(rig.store, { includeArchived: true, includeHidden: true, sort }).keyIds).toEqual(sortedFromKeys(rig.store, sort, '1'));
    }
  });

  it('gives a library from before the order table (version 3) its orders on open, with the same lists as before', () => {
    const before = cases.map(({ input }) => listed(rig.store, input));
    // Put the schema back as version 3 left it: the three ordered indexes and no order table.
    internalsOf(rig.store).connection.exec(`
      DROP TABLE key_order;
      CREATE INDEX keys_by_name ON keys (project_id, generation, name COLLATE NOCASE, key_id);
      CREATE INDEX keys_by_modified ON keys (project_id, generation, modified_at DESC, key_id);
      CREATE INDEX keys_visible ON keys (project_id, generation, is_archived, is_hidden, name COLLATE NOCASE, key_id, empty_mask, unverified_mask, unreviewed_mask);
      ALTER TABLE keys DROP COLUMN translations_modified_at;
      ALTER TABLE projects DROP COLUMN snapshot_format;
      ALTER TABLE sync_facts DROP COLUMN kind;
      ALTER TABLE sync_facts DROP COLUMN keys_updated;
      ALTER TABLE sync_facts DROP COLUMN keys_added;
      ALTER TABLE sync_facts DROP COLUMN keys_removed;
      PRAGMA user_version = 3;
    `);
    rig.store.close();
    const reopened = LibraryStore.open(rig.folder);
    try {
      expect((internalsOf(reopened).connection.prepare('PRAGMA user_version').raw(true).get() as [number])[0]).toBe(migrations.at(-1)?.version);
      const indexes = internalsOf(reopened).connection.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'keys' AND sql IS NOT NULL").raw(true).all();
      expect(indexes).toEqual([['keys_by_project']]);
      expect(cases.map(({ input }) => listed(reopened, input))).toEqual(before);
    } finally {
      reopened.close();
    }
  });
});
