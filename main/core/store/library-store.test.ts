import { existsSync, mkdtempSync, openSync, readdirSync, closeSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LokaliseProject } from '../lokalise/types';
import { storePath } from './library-file';
import { internalsOf, LibraryStore, type LibraryOptions } from './library-store';
import { migrations } from './migrations';

const opened: LibraryStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'locdesk-store-'));
}

function open(path: string, options: LibraryOptions = {}): LibraryStore {
  const store = LibraryStore.open(path, options);
  opened.push(store);
  return store;
}

function project(projectId: string, overrides: Partial<LokaliseProject> = {}): LokaliseProject {
  return {
    projectId,
    name: `Project ${projectId}`,
    description: 'raw description',
    teamId: 7,
    baseLanguageId: 640,
    baseLanguageIso: 'en',
    createdAt: 1_700_000_000_000,
    progressTotal: 42,
    keysTotal: 1200,
    languages: [
      { languageId: 640, iso: 'en', progress: 100 },
      { languageId: 597, iso: 'ar', progress: 12 },
    ],
    ...overrides,
  };
}

function pragma(store: LibraryStore, name: string): unknown {
  return (internalsOf(store).connection.prepare(`PRAGMA ${name}`).raw(true).get() as unknown[])[0];
}

describe('LibraryStore file handling', () => {
  it('opens in WAL mode with foreign keys on, synchronous NORMAL and the latest schema version', () => {
    const store = open(folder());
    expect(pragma(store, 'journal_mode')).toBe('wal');
    expect(pragma(store, 'foreign_keys')).toBe(1);
    expect(pragma(store, 'synchronous')).toBe(1);
    expect(pragma(store, 'busy_timeout')).toBe(5000);
    expect(pragma(store, 'user_version')).toBe(migrations.at(-1)?.version);
  });

  it('keeps its data across a close and reopen without re-running migrations', () => {
    const path = folder();
    const first = open(path);
    first.saveProjectList([project('p1')], []);
    first.close();
    const second = open(path);
    expect(second.listProjects().map((entry) => entry.projectId)).toEqual(['p1']);
  });

  it('refuses a library written by a newer schema instead of guessing', () => {
    const path = folder();
    const store = open(path);
    internalsOf(store).connection.exec('PRAGMA user_version = 999');
    store.close();
    expect(() => LibraryStore.open(path)).toThrow(expect.objectContaining({ code: 'store.too_new' }) as Error);
  });

  it('reports damaged pages inside a real database as store.corrupt, and rebuild sets the file aside', () => {
    const path = folder();
    const store = open(path);
    store.saveProjectList([project('p1', { description: 'd'.repeat(3000) })], []);
    const insertTeam = internalsOf(store).connection.prepare('INSERT INTO teams (team_id, name) VALUES (?, ?)');
    for (let index = 0; index < 50; index += 1) insertTeam.run(100 + index, 'n'.repeat(2000));
    internalsOf(store).connection.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    store.close();
    const size = statSync(storePath(path)).size;
    const handle = openSync(storePath(path), 'r+');
    const junk = Buffer.alloc(size - 8192, 0x5a);
    writeSync(handle, junk, 0, junk.length, 4096 + 100);
    closeSync(handle);

    expect(() => LibraryStore.open(path)).toThrow(expect.objectContaining({ code: 'store.corrupt' }) as Error);
    const fresh = LibraryStore.rebuild(path);
    opened.push(fresh);
    expect(fresh.listProjects()).toEqual([]);
    const aside = readdirSync(path).filter((name) => /^library\.sqlite\.corrupt-\d+$/.test(name));
    expect(aside).toHaveLength(1);
    expect(statSync(join(path, aside[0] ?? '')).size).toBe(size);
    expect(existsSync(storePath(path))).toBe(true);
  });
});

describe('LibraryStore page cache', () => {
  const cacheKb = (store: LibraryStore): number => -(internalsOf(store).connection.prepare('PRAGMA main.cache_size').raw(true).get() as [number])[0];

  it('stays at its browsing size on the main connection while the writing thread writes a snapshot', async () => {
    const store = open(folder());
    store.saveProjectList([project('p1')], []);
    const snapshot = await store.openSnapshot('p1', 0);
    expect(cacheKb(store)).toBe(16_000);
    await snapshot.commit(project('p1'), 0);
    expect(cacheKb(store)).toBe(16_000);
    expect(store.project('p1')?.sync.status).toBe('ok');
  });

  it('shrinks while a sync writes a snapshot on this thread and grows back when it is swapped in or thrown away', async () => {
    const store = open(folder(), { writingThread: false });
    store.saveProjectList([project('p1')], []);
    expect(cacheKb(store)).toBe(16_000);
    const committed = await store.openSnapshot('p1', 0);
    expect(cacheKb(store)).toBe(4_000);
    await committed.commit(project('p1'), 0);
    expect(cacheKb(store)).toBe(16_000);
    const abandoned = await store.openSnapshot('p1', 0);
    expect(cacheKb(store)).toBe(4_000);
    await abandoned.abort();
    expect(cacheKb(store)).toBe(16_000);
  });
});

describe('LibraryStore project list', () => {
  it('stores what Lokalise reports, with the team name and per-language progress', () => {
    const store = open(folder());
    store.saveProjectList([project('p1')], [{ teamId: 7, name: 'Acme Localisation', plan: 'Pro' }]);
    expect(store.project('p1')).toMatchObject({
      projectId: 'p1',
      name: 'Project p1',
      description: 'raw description',
      baseLanguageIso: 'en',
      teamId: 7,
      teamName: 'Acme Localisation',
      keysTotal: 1200,
      progressPercent: 42,
      keepOffline: false,
      access: 'ok',
      sync: { status: 'never', lastSyncedAt: null, keyCount: 0 },
    });
    expect(store.project('p1')?.languages.map((language) => [language.iso, language.progress])).toEqual([
      ['en', 100],
      ['ar', 12],
    ]);
    // Before the first sync, the languages come from the statistics, with Lokalise's language ids (not positions).
    expect(store.project('p1')?.languages.map((language) => [language.iso, language.langId])).toEqual([
      ['en', 640],
      ['ar', 597],
    ]);
  });

  it('marks projects missing from a new full list as lost without deleting them, and restores them when they return', () => {
    const store = open(folder());
    store.saveProjectList([project('p1'), project('p2')], []);
    store.saveProjectList([project('p2')], []);
    expect(store.listProjects().map((entry) => [entry.projectId, entry.access])).toEqual([
      ['p1', 'lost'],
      ['p2', 'ok'],
    ]);
    store.saveProjectList([project('p1'), project('p2')], []);
    expect(store.project('p1')?.access).toBe('ok');
  });

  it('remembers keep-offline, syncs only kept projects when some are kept, and rejects unknown projects', () => {
    const store = open(folder());
    store.saveProjectList([project('p1'), project('p2'), project('p3')], []);
    expect(store.projectsToSync()).toEqual(['p1', 'p2', 'p3']);
    expect(store.setKeepOffline('p2', true).keepOffline).toBe(true);
    expect(store.projectsToSync()).toEqual(['p2']);
    store.markAccessLost('p2');
    expect(store.projectsToSync()).toEqual(['p1', 'p3']);
    expect(() => store.setKeepOffline('missing', true)).toThrow(expect.objectContaining({ code: 'store.unknown_project' }) as Error);
  });

  it('records a failed sync without losing the facts of the last good one', () => {
    const store = open(folder());
    store.saveProjectList([project('p1')], []);
    internalsOf(store).connection
      .prepare("INSERT INTO sync_facts (project_id, status, last_synced_at, duration_ms, key_count, translation_count) VALUES ('p1', 'ok', 5, 10, 3, 6)")
      .run();
    store.recordSyncOutcome('p1', 'failed', 'Lokalise is unavailable (HTTP 502).');
    expect(store.project('p1')?.sync).toEqual({
      status: 'failed',
      lastSyncedAt: 5,
      durationMs: 10,
      keyCount: 3,
      translationCount: 6,
      lastError: 'Lokalise is unavailable (HTTP 502).',
      changes: null,
    });
  });

  it('forgets everything on request and stays usable', () => {
    const store = open(folder());
    store.saveProjectList([project('p1')], [{ teamId: 7, name: 'Acme', plan: 'Pro' }]);
    store.forgetAll();
    expect(store.listProjects()).toEqual([]);
    store.saveProjectList([project('p2')], []);
    expect(store.listProjects().map((entry) => entry.projectId)).toEqual(['p2']);
  });
});
