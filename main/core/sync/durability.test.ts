import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyQuerySchema } from '../../../common/contract';
import { readNumber } from '../../../test/support/core/library-file';
import { LibraryStore } from '../store';
import { refreshList, syncAndWait, syncRig, type SyncRig } from '../../../test/support/core/sync-rig';

let rig: SyncRig;
afterEach(async () => {
  await rig.close();
});

function total(store: LibraryStore, projectId: string): number {
  return store.keyPage(KeyQuerySchema.parse({ projectId, sourceIso: 'en', targetIsos: [], includeArchived: true, includeHidden: true })).total;
}

describe('library durability', () => {
  it('keeps the previous snapshot whole when the syncing process is killed with SIGKILL', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 3000, languages: 6 });
    await refreshList(rig);
    const project = rig.fake.dataset.projects[0]!;
    await syncAndWait(rig, [project.projectId]);
    const before = rig.store.project(project.projectId)?.sync;
    rig.store.close();
    rig.fake.deleteKeys(project.projectId, [rig.fake.dataset.keyIdAt(project, 0)]);
    rig.fake.switches.faults.latencyMs = 40;
    const token = rig.fake.issueTokens().accessToken;
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', '..', 'test', 'support', 'core', 'sync-child.ts'), rig.fake.apiUrl, token, rig.folder, project.projectId], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/running keys (1[0-9]{3}|[2-9][0-9]{3})/.test(output)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');
    expect(output).not.toContain('done');
    const reopened = LibraryStore.open(rig.folder);
    expect(total(reopened, project.projectId)).toBe(3000);
    expect(reopened.project(project.projectId)?.sync.lastSyncedAt).toBe(before?.lastSyncedAt);
    expect(readNumber(rig.folder, 'SELECT count(*) FROM keys')).toBe(3000);
    reopened.close();
    Object.assign(rig, { store: LibraryStore.open(rig.folder) });
  });

  it('reports a damaged file clearly and can set it aside for a fresh library', async () => {
    rig = await syncRig({ projects: 1, keysPerProject: 10 });
    rig.store.close();
    writeFileSync(LibraryStore.filesIn(rig.folder).library, 'this is not a database, just text that happens to be here'.repeat(200));
    for (const suffix of ['-wal', '-shm']) writeFileSync(LibraryStore.filesIn(rig.folder).library + suffix, '');
    expect(() => LibraryStore.open(rig.folder)).toThrow(expect.objectContaining({ code: 'store.corrupt' }) as Error);
    const fresh = LibraryStore.rebuild(rig.folder);
    expect(fresh.listProjects()).toEqual([]);
    Object.assign(rig, { store: fresh });
  });

  it('forgets all offline data on request', async () => {
    rig = await syncRig({ projects: 2, keysPerProject: 30 });
    await refreshList(rig);
    await syncAndWait(rig, rig.fake.dataset.projects.map((project) => project.projectId));
    rig.store.forgetAll();
    expect(rig.store.listProjects()).toEqual([]);
    expect(readNumber(rig.folder, "SELECT count(*) FROM key_words WHERE key_words MATCH '\"settings\"'")).toBe(0);
    expect(readNumber(rig.folder, 'SELECT count(*) FROM search.terms')).toBe(0);
  });
});
