/**
 * The randomized test of issue 19: many edits, other users changing the same translations, writes applied and then
 * dropped, 429s, broken connections, server errors, deleted keys and restarts (a new core over the same files, some
 * in the middle of a push), in an order drawn from a seeded PRNG. At the end, after pushes with no fault left:
 *
 * - every translation the translator edited is on the server with their last text, or in conflict, or orphaned,
 *   with that text intact in the outbox (nothing pending, pushing or refused is left);
 * - no write of Locdesk replaced a value another user had written (the fake logs what each write replaced; this test
 *   never resolves a conflict, so no write may replace one).
 *
 * Other users act between the translator's steps, not between a push's re-read and its write: Lokalise's API has no
 * If-Match, so that second-long window cannot be closed by a client (research/lokalise-write-api.md).
 *
 * Set LOCDESK_CHAOS_SEED to replay one seed; a failure names its seed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Edit } from '../../../common/contract';
import { Sequence } from '../../../test/fake-lokalise/random';
import { startFakeLokalise, type FakeLokalise } from '../../../test/fake-lokalise/server';
import { editsRig, weakStorageSettings, type EditsRig } from '../../../test/support/core/edits-rig';
import { MemoryCipher, MemoryKeyValueStore } from '../../../test/support/memory-ports';

let fake: FakeLokalise | null = null;
let rig: EditsRig | null = null;
afterEach(async () => {
  await rig?.close();
  await fake?.close();
  rig = null;
  fake = null;
});

const replay = process.env.LOCDESK_CHAOS_SEED;
const seeds = replay === undefined ? [101, 202, 303] : [Number(replay)];

interface Cell {
  readonly keyId: number;
  readonly iso: string;
}

const cellKey = (cell: Cell): string => `${cell.keyId}/${cell.iso}`;

async function chaos(seed: number): Promise<void> {
  const random = new Sequence(seed);
  fake = await startFakeLokalise({ projects: 1, keysPerProject: 40, languages: 4, seed });
  const tokenStore = new MemoryKeyValueStore();
  const cipher = new MemoryCipher();
  const settingsStore = weakStorageSettings();
  // Short waits for 429s and broken answers, so a run takes seconds; QA off (its holds have their own tests).
  const config = { rateLimitMaxWaitMs: 20, noAnswerTimeoutMs: 1000 };
  let current = await editsRig(fake, { tokenStore, cipher, settingsStore, config, qa: 'off' });
  rig = current;
  const folder = current.folder;
  const projectId = current.projectId;
  const restart = async (): Promise<void> => {
    await current.close();
    current = await editsRig(fake as FakeLokalise, { folder, tokenStore, cipher, settingsStore, config, skipSetup: true });
    rig = current;
  };
  const summary = (await current.core.api.projects.list()).find((entry) => entry.projectId === projectId);
  const targets = summary?.languages.map((language) => language.iso).filter((iso) => iso !== summary.baseLanguageIso) ?? [];
  const project = fake.dataset.projects[0];
  if (project === undefined || targets.length === 0) throw new Error('no project to edit');
  const cells: Cell[] = [];
  for (let index = 0; index < project.keyCount && cells.length < 24; index += 1) {
    if (fake.dataset.flags(project, index).isPlural) continue;
    cells.push({ keyId: fake.dataset.keyIdAt(project, index), iso: random.pick(targets) });
  }

  /** The translator's last committed text per cell. */
  const mine = new Map<string, string>();
  /** Every value another user wrote. */
  const theirs = new Set<string>();
  const deleted = new Set<number>();
  const log: string[] = [];
  let counter = 0;

  const faults = (): void => {
    if (fake === null) return;
    const kind = random.below(6);
    const count = 1 + random.below(4);
    if (kind === 0) fake.switches.writes.dropAfterWrite = count;
    else if (kind === 1) fake.switches.faults = { ...fake.switches.faults, failNextRequests: count, failureKind: '429', matchPath: /\/api2\// };
    else if (kind === 2) fake.switches.faults = { ...fake.switches.faults, failNextRequests: count, failureKind: 'drop', matchPath: /\/api2\// };
    else if (kind === 3) fake.switches.faults = { ...fake.switches.faults, failNextRequests: count, failureKind: 'html503', matchPath: /\/api2\// };
    log.push(`faults ${kind} x${count}`);
  };
  const calm = (): void => {
    if (fake === null) return;
    fake.switches.writes.dropAfterWrite = 0;
    fake.switches.faults = { ...fake.switches.faults, failNextRequests: 0 };
  };

  for (let step = 0; step < 70; step += 1) {
    const action = random.below(100);
    const cell = random.pick(cells);
    if (action < 45) {
      if (deleted.has(cell.keyId)) continue;
      counter += 1;
      const value = `mine ${counter} ${cellKey(cell)}`;
      await current.commit({ projectId, keyId: cell.keyId, languageIso: cell.iso, value });
      mine.set(cellKey(cell), value);
      log.push(`edit ${cellKey(cell)}`);
    } else if (action < 63) {
      if (deleted.has(cell.keyId)) continue;
      counter += 1;
      const value = `theirs ${counter} ${cellKey(cell)}`;
      fake.editAsOtherUser(projectId, cell.keyId, cell.iso, value);
      theirs.add(value);
      log.push(`other ${cellKey(cell)}`);
    } else if (action < 85) {
      faults();
      log.push('push');
      await current.push();
      calm();
    } else if (action < 90) {
      // A restart in the middle of a push: whatever it had not settled must be pending again, text kept.
      faults();
      log.push('push, restart during it');
      await current.call('edits:push', null, null);
      await new Promise((resolve) => setTimeout(resolve, random.below(30)));
      await restart();
      calm();
    } else if (action < 97) {
      log.push('restart');
      await restart();
    } else if (!deleted.has(cell.keyId)) {
      fake.deleteKeys(projectId, [cell.keyId]);
      deleted.add(cell.keyId);
      log.push(`delete ${cell.keyId}`);
    }
  }

  calm();
  for (let round = 0; round < 4; round += 1) {
    const status = await current.push();
    if (status.status === 'done' && status.total === 0) break;
  }
  const edits = await current.list();
  const rows = new Map<string, Edit>(edits.map((edit) => [`${edit.keyId}/${edit.languageIso}`, edit]));
  const context = `seed ${seed}; steps: ${log.join(', ')}`;
  const written = fake.writeLog.map((record) => record.after);

  for (const [where, text] of mine) {
    const row = rows.get(where);
    if (row === undefined) {
      // Left the outbox: then Lokalise took exactly this text at some point.
      expect(written, `${context}: ${where} left the outbox but "${text}" was never written`).toContain(text);
    } else {
      expect(row.value, `${context}: ${where} lost its text`).toBe(text);
      expect(['conflict', 'orphaned'], `${context}: ${where} is still ${row.state}`).toContain(row.state);
      if (row.state === 'orphaned') expect(deleted.has(row.keyId), `${context}: ${where} orphaned but its key exists`).toBe(true);
    }
  }
  expect(edits.length, `${context}: rows the translator never made`).toBeLessThanOrEqual(mine.size);
  for (const record of fake.writeLog) {
    expect(theirs.has(record.before), `${context}: a write replaced another user's "${record.before}" with "${record.after}"`).toBe(false);
  }
}

describe('pushing through random trouble', () => {
  for (const seed of seeds) {
    it(`keeps every edit and overwrites no one (seed ${seed})`, async () => {
      try {
        await chaos(seed);
      } catch (error) {
        process.stderr.write(`push chaos failed with seed ${seed} (replay: LOCDESK_CHAOS_SEED=${seed})\n`);
        throw error;
      }
    }, 180_000);
  }
});
