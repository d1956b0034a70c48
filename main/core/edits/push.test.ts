/**
 * Pushing against the fake Lokalise over HTTP, through the composed core: each outcome of the 3-way check and of
 * Lokalise's answers, and that the translator's text survives every one of them. QA checks are off here (the
 * fake's sources are full of placeholders that these values leave out); the QA gate has push-qa.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Edit, KeyDetail, KeyPage } from '../../../common/contract';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import { editsRig, type EditsRig } from '../../../test/support/core/edits-rig';

let fake: FakeLokalise;
let rig: EditsRig;

beforeEach(async () => {
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 40, languages: 4, seed: 11 });
});
afterEach(async () => {
  await rig.close();
  await fake.close();
});

/** The id of the `skip`-th live key that is (or is not) plural. */
function keyId(plural: boolean, skip = 0): number {
  const project = fake.dataset.projects[0];
  if (project === undefined) throw new Error('no project');
  let seen = 0;
  for (let index = 0; index < project.keyCount; index += 1) {
    if (fake.dataset.flags(project, index).isPlural !== plural) continue;
    if (seen === skip) return fake.dataset.keyIdAt(project, index);
    seen += 1;
  }
  throw new Error('no such key');
}

/** The fake's current translation of a key in a language. */
function serverValue(id: number, iso: string): { value: string; plural: Readonly<Record<string, string>> | null; modifiedBy?: { email: string } } {
  const project = fake.dataset.projects[0];
  if (project === undefined) throw new Error('no project');
  const translation = fake.dataset.key(project, fake.dataset.indexOfKeyId(project, id)).translations.find((entry) => entry.language.iso === iso);
  if (translation === undefined) throw new Error('no translation');
  return translation;
}

async function detail(id: number): Promise<KeyDetail> {
  const found = await rig.core.api.keys.detail(rig.projectId, id);
  if (found === null) throw new Error('key not in the library');
  return found;
}

describe('pushing an edit', () => {
  it('writes it when the server still holds the base, stores the answer in the library, and empties the outbox', async () => {
    rig = await editsRig(fake, { qa: 'off' });
    const id = keyId(false);
    const edit = await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'Neu übersetzt', isReviewed: true });
    expect(edit).toMatchObject({ state: 'pending', value: 'Neu übersetzt', isReviewed: true });
    const page = await rig.call<KeyPage>('keys:page', { projectId: rig.projectId, sourceIso: 'en', targetIsos: ['ja'], limit: 500 });
    expect(page.items.find((item) => item.keyId === id)?.translations.find((cell) => cell.languageIso === 'ja')?.edit).toMatchObject({ state: 'pending', value: 'Neu übersetzt' });
    const requestsBefore = fake.stats.apiRequests;
    const status = await rig.push();
    expect(status).toMatchObject({ status: 'done', total: 1, pushed: 1, conflicts: 0 });
    expect(fake.stats.apiRequests - requestsBefore).toBe(2);
    expect(serverValue(id, 'ja').value).toBe('Neu übersetzt');
    expect(await rig.list()).toEqual([]);
    expect((await detail(id)).translations.find((cell) => cell.languageIso === 'ja')).toMatchObject({ value: 'Neu übersetzt', isReviewed: true });
  });

  it('does not write when the server already holds the edit', async () => {
    rig = await editsRig(fake, { qa: 'off' });
    const id = keyId(false, 1);
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: '同じ値' });
    fake.editAsOtherUser(rig.projectId, id, 'ja', '同じ値');
    const status = await rig.push();
    expect(status).toMatchObject({ status: 'done', alreadyThere: 1, pushed: 0 });
    expect(fake.writes).toEqual([]);
    expect(await rig.list()).toEqual([]);
  });

  it('keeps the first base when the same translation is edited again', async () => {
    rig = await editsRig(fake, { qa: 'off' });
    const id = keyId(false, 2);
    const first = await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'eins' });
    const second = await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'zwei' });
    expect(second.editId).toBe(first.editId);
    expect(second.base).toEqual(first.base);
    expect(second.value).toBe('zwei');
  });
});

describe('a conflict', () => {
  async function conflicted(skip: number): Promise<{ id: number; edit: Edit }> {
    rig = await editsRig(fake, { qa: 'off' });
    const id = keyId(false, skip);
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'meine Fassung' });
    fake.editAsOtherUser(rig.projectId, id, 'ja', 'ihre Fassung');
    const status = await rig.push();
    expect(status).toMatchObject({ status: 'done', conflicts: 1, pushed: 0 });
    const [edit] = await rig.list();
    if (edit === undefined) throw new Error('the edit is gone');
    return { id, edit };
  }

  it('writes nothing and shows base, mine and theirs with who changed it', async () => {
    const { id, edit } = await conflicted(3);
    expect(serverValue(id, 'ja').value).toBe('ihre Fassung');
    expect(fake.writes).toEqual([]);
    expect(edit).toMatchObject({ state: 'conflict', value: 'meine Fassung', theirs: { value: 'ihre Fassung', modifiedBy: 'colleague@example.com' } });
    expect(edit.base.value).not.toBe('ihre Fassung');
    expect(edit.theirs?.modifiedAt).toBeGreaterThan(0);
  });

  it('keep mine pushes against their value as the new base', async () => {
    const { id, edit } = await conflicted(4);
    const kept = await rig.call<Edit>('edits:resolve', edit.editId, { kind: 'keepMine' });
    expect(kept).toMatchObject({ state: 'pending', theirs: null, base: { value: 'ihre Fassung' } });
    expect(await rig.push()).toMatchObject({ pushed: 1 });
    expect(serverValue(id, 'ja').value).toBe('meine Fassung');
  });

  it('take theirs drops mine and puts their value in the library', async () => {
    const { id, edit } = await conflicted(5);
    expect(await rig.call('edits:resolve', edit.editId, { kind: 'takeTheirs' })).toBeNull();
    expect(await rig.list()).toEqual([]);
    expect((await detail(id)).translations.find((cell) => cell.languageIso === 'ja')?.value).toBe('ihre Fassung');
    expect(fake.writes).toEqual([]);
  });

  it('a merged value is pushed against theirs', async () => {
    const { id, edit } = await conflicted(6);
    await rig.call('edits:resolve', edit.editId, { kind: 'merged', value: 'unsere Fassung' });
    expect(await rig.push()).toMatchObject({ pushed: 1 });
    expect(serverValue(id, 'ja').value).toBe('unsere Fassung');
  });

  it('a second conflict after keep mine is caught again rather than overwritten', async () => {
    const { id, edit } = await conflicted(7);
    await rig.call('edits:resolve', edit.editId, { kind: 'keepMine' });
    fake.editAsOtherUser(rig.projectId, id, 'ja', 'noch eine Fassung');
    expect(await rig.push()).toMatchObject({ conflicts: 1, pushed: 0 });
    expect(serverValue(id, 'ja').value).toBe('noch eine Fassung');
  });
});

describe('Lokalise refusing or failing', () => {
  it('403 for a read-only language: rejected with Lokalise’s sentence, text kept', async () => {
    rig = await editsRig(fake, { qa: 'off' });
    const id = keyId(false, 8);
    fake.switches.writes.contributor.readOnlyLanguages = ['ar'];
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ar', value: 'نص' });
    expect(await rig.push()).toMatchObject({ status: 'done', rejected: 1 });
    expect((await rig.list())[0]).toMatchObject({ state: 'rejected', reason: 'notWritable', value: 'نص', message: expect.stringContaining('write access') as unknown });
  });

  it('a sign-in without write_translations: rejected as scope missing, the push stops with the re-consent code', async () => {
    rig = await editsRig(fake, { qa: 'off', config: { scopes: ['read_projects', 'read_keys', 'read_translations', 'read_languages', 'read_contributors'] } });
    await rig.commit({ projectId: rig.projectId, keyId: keyId(false, 9), languageIso: 'ja', value: 'eins' });
    await rig.commit({ projectId: rig.projectId, keyId: keyId(false, 10), languageIso: 'ja', value: 'zwei' });
    const status = await rig.push();
    expect(status).toMatchObject({ status: 'failed', errorCode: 'edits.scope_missing', rejected: 1 });
    const edits = await rig.list();
    expect(edits.map((edit) => [edit.state, edit.reason])).toEqual([
      ['rejected', 'scopeMissing'],
      ['pending', null],
    ]);
    expect(await rig.core.api.auth.getState()).toMatchObject({ status: 'signedIn', reason: 'scopeMissing' });
  });

  it('404 for a deleted key: orphaned, text kept and exported', async () => {
    rig = await editsRig(fake, { qa: 'off' });
    const id = keyId(false, 11);
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'verwaist' });
    fake.deleteKeys(rig.projectId, [id]);
    expect(await rig.push()).toMatchObject({ orphaned: 1 });
    expect((await rig.list())[0]).toMatchObject({ state: 'orphaned', reason: 'notFound', value: 'verwaist' });
  });

  it('400: rejected with Lokalise’s message', async () => {
    rig = await editsRig(fake, { qa: 'off' });
    await rig.commit({ projectId: rig.projectId, keyId: keyId(false, 12), languageIso: 'ja', value: 'zu lang' });
    fake.switches.writes.rejectWith = 'Translation exceeds the character limit';
    expect(await rig.push()).toMatchObject({ rejected: 1 });
    expect((await rig.list())[0]).toMatchObject({ state: 'rejected', reason: 'badRequest', message: 'Translation exceeds the character limit', value: 'zu lang' });
  });

  it('a plural value refused in one form is written in the other documented form', async () => {
    rig = await editsRig(fake, { qa: 'off' });
    const id = keyId(true);
    fake.switches.writes.pluralForm = 'string';
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'en', value: { one: 'one file', other: '%d files' } });
    expect(await rig.push()).toMatchObject({ pushed: 1, rejected: 0 });
    expect(serverValue(id, 'en').plural).toEqual({ one: 'one file', other: '%d files' });
    await rig.commit({ projectId: rig.projectId, keyId: keyId(true, 1), languageIso: 'en', value: { one: 'a cat', other: '%d cats' } });
    const writesBefore = fake.stats.byRoute['projects/:id/translations/:id'] ?? 0;
    expect(await rig.push()).toMatchObject({ pushed: 1 });
    // The form that worked is tried first from then on.
    expect((fake.stats.byRoute['projects/:id/translations/:id'] ?? 0) - writesBefore).toBe(1);
  });

  it('a write applied whose answer is lost is not repeated: the next push finds it there', async () => {
    rig = await editsRig(fake, { qa: 'off' });
    const id = keyId(false, 13);
    await rig.commit({ projectId: rig.projectId, keyId: id, languageIso: 'ja', value: 'angekommen' });
    fake.switches.writes.dropAfterWrite = 1;
    const first = await rig.push();
    expect(first).toMatchObject({ status: 'failed', errorCode: 'lokalise.network' });
    expect((await rig.list())[0]).toMatchObject({ state: 'pending', value: 'angekommen' });
    const second = await rig.push();
    expect(second).toMatchObject({ status: 'done', alreadyThere: 1, pushed: 0 });
    expect(fake.writes).toHaveLength(1);
    expect(await rig.list()).toEqual([]);
  });

  it('rides out a 429 storm and pushes everything', async () => {
    rig = await editsRig(fake, { qa: 'off', config: { rateLimitMaxWaitMs: 20 } });
    for (let skip = 14; skip < 19; skip += 1) await rig.commit({ projectId: rig.projectId, keyId: keyId(false, skip), languageIso: 'ja', value: `Wert ${skip}` });
    fake.switches.faults = { ...fake.switches.faults, failNextRequests: 20, failureKind: '429', matchPath: /\/api2\// };
    expect(await rig.push()).toMatchObject({ status: 'done', pushed: 5 });
    expect(fake.stats.faultsInjected).toBe(20);
    expect(await rig.list()).toEqual([]);
  });

  it('offline: the push fails softly and every edit stays pending', async () => {
    rig = await editsRig(fake, { qa: 'off' });
    await rig.commit({ projectId: rig.projectId, keyId: keyId(false, 19), languageIso: 'ja', value: 'später' });
    fake.switches.faults = { ...fake.switches.faults, failNextRequests: 1000, failureKind: 'drop', matchPath: /\/api2\// };
    const status = await rig.push();
    expect(status).toMatchObject({ status: 'failed', errorCode: 'lokalise.network' });
    expect(status.message).toContain('kept');
    expect((await rig.list())[0]).toMatchObject({ state: 'pending', value: 'später' });
  });
});
