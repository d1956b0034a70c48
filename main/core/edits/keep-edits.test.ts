/**
 * Issue 19 part 2, point by point, through the composed core: pending edits outlive sign-out (which says how many),
 * "Forget local data" refuses while edits are unexported unless the translator exports or confirms, and a resync
 * moves the library's server copy but never the edit or its base.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'libsql';
import type { KeyPage } from '../../../common/contract';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import { editsRig, type EditsRig } from '../../../test/support/core/edits-rig';
import { LibraryStore } from '../store';

let fake: FakeLokalise;
let rig: EditsRig;

beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 20, languages: 4, seed: 31 });
  rig = await editsRig(fake, { qa: 'off' });
});
afterEach(async () => {
  await rig.close();
  await fake.close();
});

/** Non-plural key ids of the project, in order. */
function plainKeys(count: number): number[] {
  const project = fake.dataset.projects[0];
  if (project === undefined) throw new Error('no project');
  const ids: number[] = [];
  for (let index = 0; index < project.keyCount && ids.length < count; index += 1) {
    if (!fake.dataset.flags(project, index).isPlural) ids.push(fake.dataset.keyIdAt(project, index));
  }
  return ids;
}

async function commitTwo(): Promise<number[]> {
  const ids = plainKeys(2);
  for (const [index, keyId] of ids.entries()) await rig.commit({ projectId: rig.projectId, keyId, languageIso: 'ja', value: `behalten ${index}` });
  return ids;
}

describe('sign-out', () => {
  it('keeps every pending edit and says how many', async () => {
    await commitTwo();
    const state = await rig.call<{ status: string; keptEdits?: number }>('auth:sign-out');
    expect(state).toMatchObject({ status: 'signedOut', keptEdits: 2 });
    expect((await rig.list()).map((edit) => [edit.state, edit.value])).toEqual([
      ['pending', 'behalten 0'],
      ['pending', 'behalten 1'],
    ]);
    // Signed out, a push stops at once and keeps them.
    expect(await rig.push()).toMatchObject({ status: 'failed', errorCode: 'auth.required' });
    expect(await rig.list()).toHaveLength(2);
  });
});

describe('forget local data', () => {
  it('refuses while edits are unexported, and forgets without losing them once they are exported', async () => {
    await commitTwo();
    await expect(rig.call('library:forget')).rejects.toMatchObject({ code: 'edits.pending' });
    expect((await rig.core.api.projects.list()).length).toBeGreaterThan(0);
    expect(await rig.call('edits:export', null)).toMatchObject({ cancelled: false, count: 2 });
    await rig.call('library:forget');
    expect(await rig.core.api.projects.list()).toEqual([]);
    // The outbox is its own file: the exported edits are still there, and still pushable.
    expect(await rig.list()).toHaveLength(2);
  });

  it('an edit changed after its export makes forget refuse again', async () => {
    const [first] = await commitTwo();
    await rig.call('edits:export', null);
    await rig.commit({ projectId: rig.projectId, keyId: first ?? 0, languageIso: 'ja', value: 'neuer als der Export' });
    await expect(rig.call('library:forget')).rejects.toMatchObject({ code: 'edits.pending' });
  });

  it('with the translator’s confirmation, discards the edits and forgets', async () => {
    await commitTwo();
    await rig.call('library:forget', { discardEdits: true });
    expect(await rig.list()).toEqual([]);
    expect(await rig.core.api.projects.list()).toEqual([]);
  });
});

describe('forget local data with a library that cannot be opened', () => {
  it('starts afresh without asking, and keeps every edit', async () => {
    await commitTwo();
    const folder = rig.folder;
    await rig.close();
    const connection = new Database(LibraryStore.filesIn(folder).library);
    connection.exec('PRAGMA user_version = 9999');
    connection.close();
    rig = await editsRig(fake, { folder, skipSetup: true });
    expect((await rig.core.api.app.info()).storeProblem).not.toBeNull();
    await rig.call('library:forget');
    expect((await rig.list()).map((edit) => edit.value)).toEqual(['behalten 0', 'behalten 1']);
  });
});

describe('a resync', () => {
  it('moves the library’s server copy, never the pending edit or its base; the push then finds the conflict', async () => {
    const [keyId = 0] = plainKeys(1);
    const edit = await rig.commit({ projectId: rig.projectId, keyId, languageIso: 'ja', value: 'meins' });
    fake.editAsOtherUser(rig.projectId, keyId, 'ja', 'seins');
    await rig.core.api.sync.start([rig.projectId]);
    for (let attempt = 0; attempt < 2000 && (await rig.core.api.sync.status()).status === 'running'; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await rig.core.api.sync.status()).toMatchObject({ status: 'done' });
    const [after] = await rig.list();
    expect(after).toMatchObject({ editId: edit.editId, state: 'pending', value: 'meins', base: edit.base });
    const page = await rig.call<KeyPage>('keys:page', { projectId: rig.projectId, sourceIso: 'en', targetIsos: ['ja'], limit: 500 });
    const cell = page.items.find((item) => item.keyId === keyId)?.translations.find((entry) => entry.languageIso === 'ja');
    expect(cell).toMatchObject({ value: 'seins', edit: { value: 'meins', state: 'pending' } });
    expect(await rig.push()).toMatchObject({ conflicts: 1, pushed: 0 });
    expect((await rig.list())[0]).toMatchObject({ state: 'conflict', value: 'meins', theirs: { value: 'seins' } });
  });
});
