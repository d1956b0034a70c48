/**
 * Project-wide QA against a real library synced from the fake Lokalise, with real worker threads: the stored
 * results agree with `checkTranslation` run directly, the filter and counts follow them, and a scan can be
 * cancelled, survives a restart, follows one changed key, follows a change of settings, and rebuilds a damaged
 * results file.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyDetail, KeyQuery, ProjectSummary } from '../../../common/contract';
import { KeyQuerySchema } from '../../../common/contract';
import { checkTranslation, defaultQaSettings, QA_CHECK_IDS, type QaCheckId, type QaIssue } from '../../../common/qa';
import { MemoryKeyValueStore } from '../../../test/support/memory-ports';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';
import { silentLogger } from '../log';
import { LibraryStore } from '../store';
import { QaService, scanThreads, type PendingTranslationSource } from './qa-service';
import type { QaCounts, QaProgress } from '../../../common/contract-qa';
import type { KeyValueStore } from '../ports';

let rig: SyncRig | null = null;
let store: LibraryStore | null = null;

afterEach(async () => {
  store?.close();
  store = null;
  await rig?.close();
  rig = null;
});

async function syncedRig(keysPerProject = 400): Promise<{ rig: SyncRig; project: ProjectSummary }> {
  rig = await syncRig({ projects: 1, keysPerProject, languages: 5 });
  await refreshList(rig);
  const [first] = rig.store.listProjects();
  if (first === undefined) throw new Error('no project');
  await syncAndWait(rig, [first.projectId]);
  const project = rig.store.project(first.projectId);
  if (project === null) throw new Error('no project after sync');
  return { rig, project };
}

function service(library: () => LibraryStore | null, settingsStore: KeyValueStore = new MemoryKeyValueStore(), rangeSize = 50): { qa: QaService; events: QaProgress[] } {
  const events: QaProgress[] = [];
  const qa = new QaService({ library, settingsStore, onProgress: (progress) => events.push(progress), logger: silentLogger, rangeSize, progressIntervalMs: 0 });
  return { qa, events };
}

function query(project: ProjectSummary, change: Partial<KeyQuery> = {}): KeyQuery {
  return { ...KeyQuerySchema.parse({ projectId: project.projectId, sourceIso: project.baseLanguageIso ?? 'en', targetIsos: [], limit: 500 }), ...change };
}

/** Key ids the filter returns, every page. */
function filtered(library: LibraryStore, project: ProjectSummary, filter: KeyQuery['qa'], targetIsos: string[] = []): number[] {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = library.keyPage(query(project, { qa: filter, targetIsos, offset, includeArchived: true, includeHidden: true }));
    ids.push(...page.items.map((item) => item.keyId));
    if (page.items.length < 500) return ids.sort((a, b) => a - b);
  }
}

/** Every key of the project in full. */
function allDetails(library: LibraryStore, project: ProjectSummary): KeyDetail[] {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = library.keyPage(query(project, { offset, includeArchived: true, includeHidden: true }));
    ids.push(...page.items.map((item) => item.keyId));
    if (page.items.length < 500) break;
  }
  return ids.map((id) => library.keyDetail(project.projectId, id)).filter((detail): detail is KeyDetail => detail !== null);
}

/** The issues `checkTranslation` finds in one key, by language, computed directly from what the library holds. */
function directIssues(project: ProjectSummary, detail: KeyDetail, override: { iso: string; value: string } | null = null): Map<string, QaIssue[]> {
  const base = project.baseLanguageIso ?? 'en';
  const sourceCell = detail.translations.find((cell) => cell.languageIso === base);
  const found = new Map<string, QaIssue[]>();
  for (const cell of detail.translations) {
    if (cell.languageIso === base) continue;
    const language = project.languages.find((entry) => entry.iso === cell.languageIso);
    const target = override?.iso === cell.languageIso ? override.value : (cell.pluralForms ?? cell.value);
    const issues = checkTranslation({
      sourceLanguage: base,
      targetLanguage: cell.languageIso,
      source: sourceCell?.pluralForms ?? sourceCell?.value ?? '',
      target,
      isPlural: detail.isPlural,
      charLimit: detail.charLimit,
      targetPluralForms: language?.pluralForms,
    });
    if (issues.length > 0) found.set(cell.languageIso, issues);
  }
  return found;
}

describe('project-wide QA scan', () => {
  it('stores what checkTranslation finds, and the filter, counts and cells follow it', async () => {
    const { rig: synced, project } = await syncedRig();
    const { qa, events } = service(() => synced.store);
    qa.scan(project.projectId);
    await qa.whenIdle();
    expect(events.at(-1)).toMatchObject({ projectId: project.projectId, status: 'done', done: 400, total: 400 });
    expect(events.filter((event) => event.status === 'running').length).toBeGreaterThan(2);

    const details = allDetails(synced.store, project);
    const expected = new Map(details.map((detail) => [detail.keyId, directIssues(project, detail)]));
    const withIssues = [...expected].filter(([, issues]) => issues.size > 0).map(([keyId]) => keyId).sort((a, b) => a - b);
    expect(withIssues.length).toBeGreaterThan(0);
    expect(filtered(synced.store, project, 'any')).toEqual(withIssues);

    for (const checkId of QA_CHECK_IDS) {
      const keys = [...expected].filter(([, issues]) => [...issues.values()].some((list) => list.some((issue) => issue.checkId === checkId))).map(([keyId]) => keyId);
      expect(filtered(synced.store, project, checkId), checkId).toEqual(keys.sort((a, b) => a - b));
    }
    const status = await qa.status(project.projectId, []);
    const visible = new Set(details.filter((detail) => !detail.isArchived && !detail.isHidden).map((detail) => detail.keyId));
    expect(status.upToDate).toBe(true);
    expect(status.counts.any).toBe(withIssues.filter((id) => visible.has(id)).length);
    for (const checkId of QA_CHECK_IDS) {
      const keys = [...expected].filter(([keyId, issues]) => visible.has(keyId) && [...issues.values()].some((list) => list.some((issue) => issue.checkId === checkId)));
      expect(status.counts.byCheck[checkId], checkId).toBe(keys.length);
    }

    // One language: only the issues in it.
    const iso = project.languages.find((language) => language.iso !== project.baseLanguageIso)?.iso ?? 'de';
    const inOne = [...expected].filter(([, issues]) => issues.has(iso)).map(([keyId]) => keyId).sort((a, b) => a - b);
    expect(filtered(synced.store, project, 'any', [project.baseLanguageIso ?? 'en', iso])).toEqual(inOne);

    // The cells of a page carry the same issues as a direct check.
    const page = qa.withIssues(synced.store.keyPage(query(project, { qa: 'any', targetIsos: [iso], limit: 50 })), query(project));
    for (const item of page.items) {
      const cell = item.translations.find((entry) => entry.languageIso === iso);
      expect(cell?.qa ?? []).toEqual((expected.get(item.keyId)?.get(iso) ?? []).map((issue) => Object.fromEntries(Object.entries(issue).filter(([name]) => name !== 'token'))));
    }
  });

  it('fills in the issues of a page mixing flagged and clean keys, only in the languages it shows', async () => {
    const { rig: synced, project } = await syncedRig();
    const { qa } = service(() => synced.store);
    qa.scan(project.projectId);
    await qa.whenIdle();
    const expected = new Map(allDetails(synced.store, project).map((detail) => [detail.keyId, directIssues(project, detail)]));
    const targets = project.languages.map((language) => language.iso).filter((iso) => iso !== project.baseLanguageIso);
    const shown = targets.slice(0, 2);
    const page = qa.withIssues(synced.store.keyPage(query(project, { targetIsos: shown, limit: 200 })), query(project));
    const flaggedIn = (keyId: number, isos: readonly string[]): boolean => isos.some((iso) => expected.get(keyId)?.has(iso) === true);
    // The sample has all three kinds of row: flagged in a shown language, flagged only elsewhere, and clean.
    expect(page.items.filter((item) => flaggedIn(item.keyId, shown)).length).toBeGreaterThan(0);
    expect(page.items.filter((item) => !flaggedIn(item.keyId, shown) && flaggedIn(item.keyId, targets)).length).toBeGreaterThan(0);
    expect(page.items.filter((item) => !flaggedIn(item.keyId, targets)).length).toBeGreaterThan(0);
    for (const item of page.items) {
      for (const cell of item.translations) {
        const issues = expected.get(item.keyId)?.get(cell.languageIso);
        const want = issues?.map((issue) => Object.fromEntries(Object.entries(issue).filter(([name]) => name !== 'token')));
        expect(cell.qa, `${String(item.keyId)} ${cell.languageIso}`).toEqual(shown.includes(cell.languageIso) ? want : undefined);
      }
    }
  });

  it('fills in the same issues whether or not the page shows the base language, and checks pending values', async () => {
    const { rig: synced, project } = await syncedRig();
    const { qa } = service(() => synced.store);
    qa.scan(project.projectId);
    await qa.whenIdle();
    const base = project.baseLanguageIso ?? 'en';
    const targets = project.languages.map((language) => language.iso).filter((iso) => iso !== base);
    const [source = 'de', shown = 'fr'] = targets;
    const details = new Map(allDetails(synced.store, project).map((detail) => [detail.keyId, detail]));
    const flagged = [...details.values()].find((detail) => !detail.isArchived && !detail.isHidden && directIssues(project, detail).has(shown));
    if (flagged === undefined) throw new Error('no key flagged in the shown language');
    // A pending value of the base language changes what the shown language is checked against.
    const baseCell = flagged.translations.find((cell) => cell.languageIso === base);
    const pendingBase = `${baseCell?.value ?? ''} {{extra}}`;
    qa.usePendingTranslations({ pending: () => [{ keyId: flagged.keyId, iso: base, value: pendingBase }] });
    const expectedIssues = (keyId: number): Map<string, QaIssue[]> | undefined => {
      const detail = details.get(keyId);
      if (detail === undefined) return undefined;
      const stored = directIssues(project, detail);
      if (keyId !== flagged.keyId) return stored;
      // The stored results pick the cells to check; the pending value decides what is found in them.
      const withPending = { ...detail, translations: detail.translations.map((cell) => (cell.languageIso === base ? { ...cell, value: pendingBase, pluralForms: null } : cell)) };
      return new Map([...directIssues(project, withPending)].filter(([iso]) => stored.has(iso)));
    };
    const withoutToken = (issues: QaIssue[] | undefined): unknown => issues?.map((issue) => Object.fromEntries(Object.entries(issue).filter(([name]) => name !== 'token')));
    // Base as the source (issues from the page's cells), and a source that is not the base (issues read from the
    // store); every shown language but the base is checked, the source too then.
    for (const page of [
      qa.withIssues(synced.store.keyPage(query(project, { sourceIso: base, targetIsos: targets, limit: 500 })), query(project)),
      qa.withIssues(synced.store.keyPage(query(project, { sourceIso: source, targetIsos: targets.slice(1), limit: 500 })), query(project)),
    ]) {
      expect(page.items.some((item) => item.keyId === flagged.keyId)).toBe(true);
      expect(page.items.filter((item) => item.translations.some((cell) => cell.qa !== undefined)).length).toBeGreaterThan(1);
      // Plural keys among the flagged ones: their cells are checked by form.
      expect(page.items.filter((item) => item.isPlural && item.translations.some((cell) => cell.qa !== undefined)).length).toBeGreaterThan(0);
      for (const item of page.items) {
        for (const cell of item.translations) {
          expect(cell.qa, `${String(item.keyId)} ${cell.languageIso}`).toEqual(withoutToken(expectedIssues(item.keyId)?.get(cell.languageIso)));
        }
      }
    }
  });

  it('cancels a running scan, keeps the results incomplete, and scans again on request', async () => {
    const { rig: synced, project } = await syncedRig();
    const { qa, events } = service(() => synced.store, new MemoryKeyValueStore(), 5);
    qa.scan(project.projectId);
    await new Promise<void>((resolve) => {
      const wait = (): void => (events.some((event) => event.status === 'running' && event.done > 0) ? resolve() : void setTimeout(wait, 5));
      wait();
    });
    qa.cancel(project.projectId);
    await qa.whenIdle();
    expect(events.at(-1)?.status).toBe('cancelled');
    expect(events.at(-1)?.done).toBeLessThan(400);
    expect((await qa.status(project.projectId, [])).upToDate).toBe(false);

    qa.scanWhereStale([project.projectId]);
    await qa.whenIdle();
    expect(events.at(-1)?.status).toBe('done');
    expect((await qa.status(project.projectId, [])).upToDate).toBe(true);
  });

  it('keeps results across a restart, so the filter answers before any scan', async () => {
    const { rig: synced, project } = await syncedRig(150);
    const settingsStore = new MemoryKeyValueStore();
    const first = service(() => synced.store, settingsStore);
    first.qa.scan(project.projectId);
    await first.qa.whenIdle();
    const before = filtered(synced.store, project, 'any');
    const counts = (await first.qa.status(project.projectId, [])).counts;

    store = LibraryStore.open(synced.folder);
    const reopened = store;
    const second = service(() => reopened, settingsStore);
    expect(await second.qa.status(project.projectId, [])).toMatchObject({ upToDate: true, counts });
    expect(filtered(reopened, project, 'any')).toEqual(before);
    second.qa.scanWhereStale([project.projectId]);
    expect(second.events).toEqual([]);
  });

  it('rechecks one key, reading a pending edit in place of the synced value', async () => {
    const { rig: synced, project } = await syncedRig(150);
    const { qa } = service(() => synced.store);
    qa.scan(project.projectId);
    await qa.whenIdle();
    const iso = project.languages.find((language) => language.iso !== project.baseLanguageIso)?.iso ?? 'de';
    const clean = allDetails(synced.store, project).find((detail) => !detail.isPlural && !detail.isArchived && !detail.isHidden && directIssues(project, detail).size === 0);
    if (clean === undefined) throw new Error('no clean key in the sample');
    expect(filtered(synced.store, project, 'doubleSpace')).not.toContain(clean.keyId);
    const other = project.languages.find((language) => language.iso !== project.baseLanguageIso && language.iso !== iso)?.iso ?? 'fr';
    const countsIn = async (isos: string[]): Promise<QaCounts> => (await qa.status(project.projectId, isos)).counts;
    const before = { all: await countsIn([]), edited: await countsIn([iso]), other: await countsIn([other]) };

    const cell = clean.translations.find((entry) => entry.languageIso === iso);
    const edited = (cell?.value ?? '').replace(' ', '  ').replace(/^([^ ]*)$/, '$1  x');
    const pending: PendingTranslationSource = { pending: () => [{ keyId: clean.keyId, iso, value: edited }] };
    qa.usePendingTranslations(pending);
    expect(qa.recheckKeyNow(project.projectId, clean.keyId)).toBe(true);
    expect(filtered(synced.store, project, 'doubleSpace')).toContain(clean.keyId);
    expect(directIssues(project, clean, { iso, value: edited }).get(iso)?.map((issue) => issue.checkId)).toContain('doubleSpace');
    // The kept counts followed the recheck in place, to what counting afresh gives.
    const moved = { all: await countsIn([]), edited: await countsIn([iso]), other: await countsIn([other]) };
    expect(moved.all.byCheck.doubleSpace).toBe(before.all.byCheck.doubleSpace + 1);
    expect(moved.edited.any).toBe(before.edited.any + 1);
    expect(moved.other).toEqual(before.other);
    synced.store.qa.forgetCounts();
    expect({ all: await countsIn([]), edited: await countsIn([iso]), other: await countsIn([other]) }).toEqual(moved);

    qa.usePendingTranslations({ pending: () => [] });
    qa.recheckKeyNow(project.projectId, clean.keyId);
    expect(filtered(synced.store, project, 'any')).not.toContain(clean.keyId);
    expect(qa.recheckKeyNow(project.projectId, 987_654_321)).toBe(false);
  });

  it('a queued recheck runs after the caller’s turn, once per burst, and announces itself', async () => {
    const { rig: synced, project } = await syncedRig(150);
    const { qa, events } = service(() => synced.store);
    qa.scan(project.projectId);
    await qa.whenIdle();
    const iso = project.languages.find((language) => language.iso !== project.baseLanguageIso)?.iso ?? 'de';
    const clean = allDetails(synced.store, project).find((detail) => !detail.isPlural && directIssues(project, detail).size === 0);
    if (clean === undefined) throw new Error('no clean key in the sample');
    let value = clean.translations.find((entry) => entry.languageIso === iso)?.value ?? '';
    let reads = 0;
    qa.usePendingTranslations({
      pending: () => {
        reads += 1;
        return [{ keyId: clean.keyId, iso, value }];
      },
    });
    const eventsBefore = events.length;

    // A burst of edits of one key: each commit only queues, nothing is checked within the turn.
    for (const typed of ['a  b', 'a  bc', 'a  bcd']) {
      value = typed;
      expect(qa.recheckKey(project.projectId, clean.keyId)).toBe(true);
    }
    expect(reads).toBe(0);
    expect(filtered(synced.store, project, 'doubleSpace')).not.toContain(clean.keyId);

    // Right after the turn: checked once, with the newest value, and announced as a settled progress event.
    await qa.whenRechecked();
    expect(reads).toBe(1);
    expect(filtered(synced.store, project, 'doubleSpace')).toContain(clean.keyId);
    expect(events.slice(eventsBefore)).toEqual([expect.objectContaining({ projectId: project.projectId, status: 'done' }) as unknown]);

    // A read through the service never sees an older result than the last edit: it runs what is queued first.
    value = 'fixed';
    qa.recheckKey(project.projectId, clean.keyId);
    await qa.status(project.projectId, []);
    expect(reads).toBe(2);
    expect(filtered(synced.store, project, 'any')).not.toContain(clean.keyId);
  });

  it('remembers per-project settings and rescans with them', async () => {
    const { rig: synced, project } = await syncedRig(200);
    const settingsStore = new MemoryKeyValueStore();
    const { qa } = service(() => synced.store, settingsStore);
    qa.scan(project.projectId);
    await qa.whenIdle();
    const before = (await qa.status(project.projectId, [])).counts;
    const busiest = QA_CHECK_IDS.reduce<QaCheckId>((best, id) => (before.byCheck[id] > before.byCheck[best] ? id : best), 'placeholders');
    expect(before.byCheck[busiest]).toBeGreaterThan(0);

    const settings = defaultQaSettings();
    settings.checks[busiest] = 'off';
    qa.updateSettings(project.projectId, settings);
    expect((await qa.status(project.projectId, [])).upToDate).toBe(false);
    await qa.whenIdle();
    const after = await qa.status(project.projectId, []);
    expect(after.upToDate).toBe(true);
    expect(after.counts.byCheck[busiest]).toBe(0);
    expect(filtered(synced.store, project, busiest)).toEqual([]);

    // Remembered: a new service over the same preferences reads them back, and the results are current for them.
    const again = service(() => synced.store, settingsStore);
    expect(again.qa.settings(project.projectId).checks[busiest]).toBe('off');
    expect((await again.qa.status(project.projectId, [])).upToDate).toBe(true);
    expect(again.qa.settings('another.project').checks[busiest]).not.toBe('off');
  });

  it('sets a damaged results file aside and rebuilds it', async () => {
    const { rig: synced, project } = await syncedRig(100);
    const { qa } = service(() => synced.store);
    qa.scan(project.projectId);
    await qa.whenIdle();
    const before = filtered(synced.store, project, 'any');
    synced.store.close();
    const files = LibraryStore.filesIn(synced.folder);
    writeFileSync(files.qaResults, 'not a database, only text where the results were'.repeat(100));
    for (const suffix of ['-wal', '-shm']) writeFileSync(files.qaResults + suffix, '');

    store = LibraryStore.open(synced.folder);
    const reopened = store;
    expect(readdirSync(synced.folder).some((name) => name.startsWith('qa.sqlite.corrupt-'))).toBe(true);
    expect(existsSync(files.qaResults)).toBe(true);
    const fresh = service(() => reopened);
    expect(await fresh.qa.status(project.projectId, [])).toMatchObject({ upToDate: false, counts: { any: 0 } });
    fresh.qa.scanWhereStale([project.projectId]);
    await fresh.qa.whenIdle();
    expect((await fresh.qa.status(project.projectId, [])).upToDate).toBe(true);
    expect(filtered(reopened, project, 'any')).toEqual(before);
  });

  it('refuses a project that was never synced', async () => {
    rig = await syncRig({ projects: 2, keysPerProject: 10 });
    await refreshList(rig);
    const synced = rig;
    const { qa } = service(() => synced.store);
    const [project] = synced.store.listProjects();
    expect(() => qa.scan(project?.projectId ?? '')).toThrow(expect.objectContaining({ code: 'qa.not_synced' }) as Error);
  });
});

describe('scan threads', () => {
  it('scans on two threads, but never on every core: a two-core machine keeps one for the window', () => {
    expect([1, 2, 3, 4, 16].map(scanThreads)).toEqual([1, 1, 2, 2, 2]);
  });
});
