/**
 * The key detail carries the pending edit of each translation, through the composed core against the fake Lokalise:
 * the detail panel's marker and its editor's starting text come from it, after a restart as much as right after
 * the commit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyDetail } from '../../common/contract';
import { startFakeLokalise, type FakeLokalise } from '../../test/fake-lokalise/server';
import { editsRig, weakStorageSettings, type EditsRig } from '../../test/support/core/edits-rig';
import { MemoryKeyValueStore } from '../../test/support/memory-ports';

let fake: FakeLokalise;
let rigs: EditsRig[] = [];

beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 20, languages: 3, seed: 5 });
});
afterEach(async () => {
  for (const rig of rigs) await rig.close();
  rigs = [];
  await fake.close();
});

function firstPlainKeyId(): number {
  const project = fake.dataset.projects[0]!;
  for (let index = 0; index < project.keyCount; index += 1) {
    if (!fake.dataset.flags(project, index).isPlural) return fake.dataset.keyIdAt(project, index);
  }
  throw new Error('no plain key');
}

async function detailOf(rig: EditsRig, keyId: number): Promise<KeyDetail> {
  const detail = await rig.call<KeyDetail | null>('keys:detail', rig.projectId, keyId);
  if (detail === null) throw new Error('key not in the library');
  return detail;
}

describe('keys.detail with pending edits', () => {
  it('shows the pending edit of the edited language only, and again after a restart on the same folder', async () => {
    const tokenStore = new MemoryKeyValueStore();
    const settingsStore = weakStorageSettings();
    const first = await editsRig(fake, { tokenStore, settingsStore });
    rigs.push(first);
    const keyId = firstPlainKeyId();
    const iso = fake.dataset.projects[0]!.languages[1]!.iso;
    const before = await detailOf(first, keyId);
    expect(before.translations.every((cell) => cell.edit === undefined || cell.edit === null)).toBe(true);

    await first.commit({ projectId: first.projectId, keyId, languageIso: iso, value: 'Kept on this computer' });
    const after = await detailOf(first, keyId);
    const edited = after.translations.find((cell) => cell.languageIso === iso);
    expect(edited?.edit).toMatchObject({ state: 'pending', value: 'Kept on this computer' });
    // The synced value stays what Lokalise holds; the edit lies over it.
    expect(edited?.value).toBe(before.translations.find((cell) => cell.languageIso === iso)?.value);
    expect(after.translations.filter((cell) => cell.edit !== undefined && cell.edit !== null)).toHaveLength(1);
    expect(after.keyNames).toEqual(before.keyNames);

    await first.close();
    rigs = [];
    const second = await editsRig(fake, { folder: first.folder, tokenStore, settingsStore, skipSetup: true });
    rigs.push(second);
    const reopened = await detailOf(second, keyId);
    expect(reopened.translations.find((cell) => cell.languageIso === iso)?.edit).toMatchObject({ state: 'pending', value: 'Kept on this computer' });
  });

  it('answers null for a key not in the library', async () => {
    const rig = await editsRig(fake);
    rigs.push(rig);
    expect(await rig.call('keys:detail', rig.projectId, 999_999_999)).toBeNull();
  });
});
