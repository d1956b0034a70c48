/**
 * The QA gate before a push (issue 20 part 3) and the library after one (issue 19: the library tells the truth at
 * once), through the composed core against the fake Lokalise over HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Edit, KeyPage, KeyQueryInput } from '../../../common/contract';
import type { QaStatus } from '../../../common/contract-qa';
import { defaultQaSettings, type QaSettings } from '../../../common/qa';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import { editsRig, type EditsRig } from '../../../test/support/core/edits-rig';
import { Outbox } from './outbox';

let fake: FakeLokalise;
let rig: EditsRig;

beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 40, languages: 4, seed: 23 });
  rig = await editsRig(fake);
});
afterEach(async () => {
  await rig.close();
  await fake.close();
});

/**
 * The id of the `skip`-th non-plural key whose English source is plain words (no placeholder, tag or markup a short
 * test value would leave out, which the default checks hold as errors) and has no double space.
 */
function plainKey(skip = 0): number {
  const project = fake.dataset.projects[0];
  if (project === undefined) throw new Error('no project');
  let seen = 0;
  for (let index = 0; index < project.keyCount; index += 1) {
    if (fake.dataset.flags(project, index).isPlural) continue;
    const source = fake.dataset.key(project, index).translations.find((entry) => entry.language.iso === 'en')?.value;
    if (typeof source !== 'string' || !/^[\p{L}\p{M}][\p{L}\p{M} ,.'’!?-]*$/u.test(source) || source.includes('  ')) continue;
    if (seen === skip) return fake.dataset.keyIdAt(project, index);
    seen += 1;
  }
  throw new Error('no such key');
}

function serverText(id: number, iso: string): unknown {
  const project = fake.dataset.projects[0];
  if (project === undefined) throw new Error('no project');
  return fake.dataset.key(project, fake.dataset.indexOfKeyId(project, id)).translations.find((entry) => entry.language.iso === iso)?.value;
}

async function setChecks(checks: Partial<QaSettings['checks']>): Promise<void> {
  const settings = defaultQaSettings();
  await rig.call('qa:update-settings', rig.projectId, { checks: { ...settings.checks, ...checks } });
}

function page(query: Partial<KeyQueryInput>): Promise<KeyPage> {
  return rig.call<KeyPage>('keys:page', { projectId: rig.projectId, sourceIso: 'en', targetIsos: ['ja'], limit: 500, ...query });
}

/** Waits until the project's QA results are current (the scan after the rig's sync runs in the background). */
async function qaSettled(): Promise<void> {
  for (let attempt = 0; attempt < 3000; attempt += 1) {
    const status = await rig.call<QaStatus>('qa:status', rig.projectId, []);
    if (status.upToDate && status.progress.status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the QA scan did not settle');
}

async function only(): Promise<Edit> {
  const [edit, ...rest] = await rig.list();
  if (edit === undefined || rest.length > 0) throw new Error(`expected one edit, found ${rest.length + (edit === undefined ? 0 : 1)}`);
  return edit;
}

describe('QA before a push', () => {
  it('holds an edit with an error finding, writes nothing, and says why', async () => {
    await setChecks({ doubleSpace: 'error' });
    const id = plainKey();
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'zwei  Leerzeichen' });
    expect(await rig.push()).toMatchObject({ status: 'done', held: 1, pushed: 0 });
    expect(fake.writes).toEqual([]);
    expect(await only()).toMatchObject({ state: 'held', reason: 'qaHold', value: 'zwei  Leerzeichen', message: expect.stringMatching(/space/i) as unknown });
    // Held until the translator acts: the next push holds it again.
    expect(await rig.push()).toMatchObject({ held: 1, pushed: 0 });
    expect(fake.writes).toEqual([]);
  });

  it('“Push anyway” once sends that value; a new value is checked again', async () => {
    await setChecks({ doubleSpace: 'error' });
    const id = plainKey(1);
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'erst  so' });
    await rig.push();
    const held = await only();
    expect(await rig.call('edits:confirm-qa', [held.editId])).toBe(1);
    expect(await only()).toMatchObject({ state: 'pending', qaConfirmed: true });
    expect(await rig.push()).toMatchObject({ pushed: 1, held: 0 });
    expect(serverText(id, 'ja')).toBe('erst  so');
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'dann  so' });
    expect(await only()).toMatchObject({ qaConfirmed: false });
    expect(await rig.push()).toMatchObject({ held: 1, pushed: 0 });
    expect(serverText(id, 'ja')).toBe('erst  so');
  });

  it('a fixed value goes out; so does a held one once its check is turned off', async () => {
    await setChecks({ doubleSpace: 'error' });
    const fixedKey = plainKey(2);
    const settingsKey = plainKey(3);
    await rig.commit({ projectId: rig.projectId, keyId: fixedKey, languageIso: 'ja', value: 'kaputt  hier' });
    await rig.commit({ projectId: rig.projectId, keyId: settingsKey, languageIso: 'ja', value: 'auch  hier' });
    expect(await rig.push()).toMatchObject({ held: 2 });
    await rig.commit({ projectId: rig.projectId, keyId: fixedKey, languageIso: 'ja', value: 'heil hier' });
    expect(await rig.push()).toMatchObject({ pushed: 1, held: 1 });
    expect(serverText(fixedKey, 'ja')).toBe('heil hier');
    await setChecks({ doubleSpace: 'off' });
    expect(await rig.push()).toMatchObject({ pushed: 1, held: 0 });
    expect(serverText(settingsKey, 'ja')).toBe('auch  hier');
    expect(await rig.list()).toEqual([]);
  });

  it('warnings do not hold an edit; the push counts them', async () => {
    const id = plainKey(4);
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'nur  Warnung' });
    expect(await rig.push()).toMatchObject({ pushed: 1, held: 0, warnings: 1 });
    expect(serverText(id, 'ja')).toBe('nur  Warnung');
  });

  it('a conflict comes before a hold: nothing is written and the edit shows theirs', async () => {
    await setChecks({ doubleSpace: 'error' });
    const id = plainKey(5);
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'mein  Text' });
    fake.editAsOtherUser(rig.projectId, id, 'ja', 'ihr Text');
    expect(await rig.push()).toMatchObject({ conflicts: 1, held: 0 });
    expect(await only()).toMatchObject({ state: 'conflict', theirs: { value: 'ihr Text' } });
  });
});

describe('QA after a commit', () => {
  it('the commit answers first; the key is checked right after, announced, and read fresh through QA', async () => {
    await setChecks({ doubleSpace: 'error' });
    await qaSettled();
    const id = plainKey(8);
    expect((await page({ qa: 'doubleSpace' })).items.map((item) => item.keyId)).not.toContain(id);
    const doubleSpaces = async (): Promise<number> => (await rig.call<QaStatus>('qa:status', rig.projectId, ['ja'])).counts.byCheck.doubleSpace;
    const before = await doubleSpaces();
    const announced: string[] = [];
    const stop = rig.core.events.subscribe((event) => {
      if (event.domain === 'qa') announced.push(event.payload.status);
    });
    try {
      const settled = new Promise<void>((resolve) => {
        const off = rig.core.events.subscribe((event) => {
          if (event.domain !== 'qa') return;
          off();
          resolve();
        });
      });
      const edit = await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'zwei  Leerzeichen' });
      // Durable when it answers: a second connection to the outbox file already holds it.
      const other = Outbox.open(rig.folder);
      try {
        expect(other.find(rig.projectId, id, 'ja')).toMatchObject({ editId: edit.editId, value: 'zwei  Leerzeichen' });
      } finally {
        other.close();
      }
      // The recheck waits for the commit's turn to end: nothing is announced before the answer.
      expect(announced).toEqual([]);
      await settled;
      expect(announced).toEqual(['done']);
      expect((await page({ qa: 'doubleSpace' })).items.map((item) => item.keyId)).toContain(id);
      expect(await doubleSpaces()).toBe(before + 1);
      // The counts read through QA run a queued recheck first, so they never lag the last commit.
      await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'ein Leerzeichen' });
      expect(await doubleSpaces()).toBe(before);
      expect((await page({ qa: 'doubleSpace' })).items.map((item) => item.keyId)).not.toContain(id);
    } finally {
      stop();
    }
  });

  it('a QA-filtered page asked for right after a commit answers with that commit already checked', async () => {
    await setChecks({ doubleSpace: 'error' });
    await qaSettled();
    const id = plainKey(8);
    const flagged = async (): Promise<number[]> => (await page({ qa: 'doubleSpace' })).items.map((item) => item.keyId);
    expect(await flagged()).not.toContain(id);
    // No turn passes between the commit's answer and the page: the recheck it queued has not run on its own yet.
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'zwei  Leerzeichen' });
    expect(await flagged()).toContain(id);
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'ein Leerzeichen' });
    expect(await flagged()).not.toContain(id);
  });
});

describe('the library after a push', () => {
  it('holds the pushed value, flags and time at once, and a search finds its new words', async () => {
    const id = plainKey(6);
    expect((await page({ search: 'Zauberwortneu' })).total).toBe(0);
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'ein Zauberwortneu hier', isReviewed: true });
    expect(await rig.push()).toMatchObject({ pushed: 1 });
    const cell = (await rig.core.api.keys.detail(rig.projectId, id))?.translations.find((entry) => entry.languageIso === 'ja');
    expect(cell).toMatchObject({ value: 'ein Zauberwortneu hier', isReviewed: true });
    expect(await rig.list()).toEqual([]);
    expect(cell?.modifiedAt).toBeGreaterThan(0);
    // Whole word, and a part of it (through the index's word list).
    expect((await page({ search: 'Zauberwortneu' })).items.map((item) => item.keyId)).toEqual([id]);
    expect((await page({ search: 'berwortn' })).items.map((item) => item.keyId)).toEqual([id]);
  });

  it('take theirs puts their value in the library with its QA findings, without waiting for a sync', async () => {
    const id = plainKey(7);
    await qaSettled();
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'sauber' });
    fake.editAsOtherUser(rig.projectId, id, 'ja', 'doppelt  Leerzeichen');
    await rig.push();
    const conflict = await only();
    // While my clean value waits, the key has no double-space finding.
    expect((await page({ qa: 'doubleSpace' })).items.map((item) => item.keyId)).not.toContain(id);
    await rig.call('edits:resolve', conflict.editId, { kind: 'takeTheirs' });
    expect((await page({ qa: 'doubleSpace' })).items.map((item) => item.keyId)).toContain(id);
    expect((await page({ search: 'doppelt' })).items.map((item) => item.keyId)).toContain(id);
  });
});
