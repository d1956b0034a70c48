/**
 * The outbox's file: neither a commit nor another write runs a checkpoint inside its own turn (a commit's only sync is
 * the one that makes the edit durable; `wal_autocheckpoint = 0` is what keeps SQLite's own checkpoint out of the
 * other writes), the checkpoint after a burst runs in the next turn, after which the WAL is written over again
 * instead of growing, and every commit that returned is there for a second connection.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, type OutboxCommit } from './outbox';
import { outboxPath } from './outbox-database';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function edit(keyId: number): OutboxCommit {
  return {
    projectId: 'p1',
    keyId,
    languageIso: 'de',
    keyName: `key.${String(keyId)}`,
    isPlural: false,
    value: `Wert ${String(keyId)} `.repeat(8),
    pluralForms: null,
    isReviewed: null,
    isUnverified: null,
    base: { value: 'old', pluralForms: null, isReviewed: false, isUnverified: false, modifiedAt: null, modifiedBy: null },
  };
}

const walSize = (folder: string): number => statSync(`${outboxPath(folder)}-wal`).size;
const fileSize = (folder: string): number => statSync(outboxPath(folder)).size;

describe('the outbox file', () => {
  it('checkpoints after a burst, never inside a commit, and then reuses its WAL', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-outbox-'));
    folders.push(folder);
    const outbox = Outbox.open(folder);
    try {
      // One turn, 300 commits (about 1,250 pages): the WAL only grows, and the database file, which only a checkpoint
      // writes, stays as it was.
      const fileBefore = fileSize(folder);
      let size = 0;
      for (let keyId = 1; keyId <= 300; keyId += 1) {
        outbox.commit(edit(keyId));
        const next = walSize(folder);
        expect(next).toBeGreaterThan(size);
        size = next;
      }
      expect(fileSize(folder)).toBe(fileBefore);
      // The WAL now holds more than SQLite's 1,000 pages. A commit's upsert would not run SQLite's own checkpoint even
      // with it on (it ends on its answer row, and SQLite runs that checkpoint only after a statement that ends
      // without one), but a write ending in a plain COMMIT would: with the default `wal_autocheckpoint` this call
      // would copy the WAL into the file here, inside the caller's turn.
      outbox.setStates([1], 'pending');
      expect(fileSize(folder)).toBe(fileBefore);
      size = walSize(folder);
      // The next turn checkpoints; a smaller burst after it is written over the WAL's first blocks.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fileSize(folder)).toBeGreaterThan(fileBefore);
      for (let keyId = 301; keyId <= 400; keyId += 1) outbox.commit(edit(keyId));
      expect(walSize(folder)).toBe(size);
      // A second connection finds every commit that returned.
      const other = Outbox.open(folder);
      expect(other.counts('p1').pending).toBe(400);
      expect(other.find('p1', 400, 'de')?.value).toBe(edit(400).value);
      other.close();
    } finally {
      outbox.close();
    }
  });

  it('lists edits by project, state and key, however many keys are asked for', () => {
    const folder = mkdtempSync(join(tmpdir(), 'locdesk-outbox-'));
    folders.push(folder);
    const outbox = Outbox.open(folder);
    try {
      for (let keyId = 1; keyId <= 40; keyId += 1) outbox.commit(edit(keyId));
      outbox.commit({ ...edit(7), projectId: 'p2' });
      outbox.setStates([3, 4], 'held'); // edit ids 3 and 4 are keys 3 and 4
      const keys = (edits: readonly { keyId: number }[]): number[] => edits.map((entry) => entry.keyId);
      expect(keys(outbox.list({ projectId: 'p1', keyIds: [9, 7, 2] }))).toEqual([2, 7, 9]);
      expect(keys(outbox.list({ projectId: 'p2', keyIds: [7, 8] }))).toEqual([7]);
      expect(keys(outbox.list({ projectId: 'p1', states: ['held'] }))).toEqual([3, 4]);
      expect(keys(outbox.list({ projectId: 'p1', states: ['held', 'conflict'], keyIds: [4, 5] }))).toEqual([4]);
      expect(keys(outbox.list({ projectId: 'p1', keyIds: [40, 39, 1], limit: 2, offset: 1 }))).toEqual([39, 40]);
      // More keys than SQLite takes as parameters of one statement (32,766): a push's rechecks of a large project.
      const many = Array.from({ length: 40_000 }, (_, index) => index + 1);
      expect(keys(outbox.list({ projectId: 'p1', keyIds: many }))).toHaveLength(40);
    } finally {
      outbox.close();
    }
  });
});
