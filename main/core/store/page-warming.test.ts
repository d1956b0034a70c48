import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from './connection';
import { forgetWarmedPages, warmPagesSoon, type WarmedPart } from './page-warming';

const folders: string[] = [];
const connections: Connection[] = [];

/**
 * A connection with the three b-trees the walk reads, as the library's connection has them (the index and the QA
 * results attached): `blocks` index blocks, `issues` QA rows over all projects, and `keys` keys of project "p"
 * generation 2 besides as many of generation 1 (an older snapshot's rows, which its walk must leave out).
 */
function library(blocks: number, issues: number, keys: number, attach = true): Connection {
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-page-warming-'));
  folders.push(folder);
  const opened = new Database(join(folder, 'library.sqlite'));
  connections.push(opened);
  opened.exec('CREATE TABLE keys (id INTEGER PRIMARY KEY, project_id TEXT NOT NULL, generation INTEGER NOT NULL, key_id INTEGER NOT NULL)');
  opened.exec('CREATE UNIQUE INDEX keys_by_project ON keys (project_id, generation, key_id)');
  opened.prepare("INSERT INTO keys (project_id, generation, key_id) SELECT 'p', g.value, k.value * 3 FROM generate_series(1, 2) g, generate_series(1, ?) k").run(keys);
  if (!attach) return opened;
  opened.prepare('ATTACH DATABASE ? AS search').run(join(folder, 'search.sqlite'));
  opened.exec('CREATE TABLE search.key_words_data (id INTEGER PRIMARY KEY, block BLOB)');
  opened.prepare('INSERT INTO search.key_words_data (id, block) SELECT value * 1000, zeroblob(100) FROM generate_series(1, ?)').run(blocks);
  opened.prepare('ATTACH DATABASE ? AS qa').run(join(folder, 'qa.sqlite'));
  opened.exec('CREATE TABLE qa.issues (key_row INTEGER NOT NULL, iso TEXT NOT NULL, project_id TEXT NOT NULL, generation INTEGER NOT NULL, mask INTEGER NOT NULL, PRIMARY KEY (key_row, iso)) WITHOUT ROWID');
  opened.prepare("INSERT INTO qa.issues SELECT value, 'ja', 'p', 2, 1 FROM generate_series(1, ?)").run(issues);
  return opened;
}

afterEach(() => {
  for (const opened of connections.splice(0)) opened.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Warms `connection`'s project "p" generation 2 and answers the rows of each step, by part. */
async function warm(connection: Connection, isCurrent: () => boolean = () => true): Promise<Record<WarmedPart, number[]>> {
  const steps: Record<WarmedPart, number[]> = { searchIndex: [], qaResults: [], keyIds: [] };
  await warmPagesSoon(connection, 'p', 2, isCurrent, (part, rows) => steps[part].push(rows));
  return steps;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe('page warming', () => {
  it("reads every block of the index, every QA row and every key id of the snapshot, in bounded steps", async () => {
    const steps = await warm(library(1000, 20_000, 20_000));
    expect(sum(steps.searchIndex)).toBe(1000);
    expect(sum(steps.qaResults)).toBe(20_000);
    // Generation 1's keys are another snapshot's: not read.
    expect(sum(steps.keyIds)).toBe(20_000);
    expect(Math.max(...steps.searchIndex)).toBe(256);
    expect(Math.max(...steps.qaResults, ...steps.keyIds)).toBe(8192);
    expect(steps.keyIds).toEqual([8192, 8192, 3616]);
  });

  it('yields to the event loop between steps and starts only after the current turn', async () => {
    const connection = library(1000, 100, 100);
    const order: string[] = [];
    const warming = warmPagesSoon(connection, 'p', 2, () => true, (part) => order.push(part));
    order.push('caller');
    setImmediate(() => order.push('turn'));
    await warming;
    expect(order[0]).toBe('caller');
    // Another turn's work ran between the first and the last step, not after the whole walk.
    const turn = order.indexOf('turn');
    expect(turn).toBeGreaterThan(1);
    expect(turn).toBeLessThan(order.length - 1);
  });

  it('walks a snapshot once per connection, and again after its caches were forgotten', async () => {
    const connection = library(10, 10, 10);
    expect(sum((await warm(connection)).keyIds)).toBe(10);
    expect(await warm(connection)).toEqual({ searchIndex: [], qaResults: [], keyIds: [] });
    forgetWarmedPages(connection);
    expect(sum((await warm(connection)).keyIds)).toBe(10);
  });

  it('stops without an error when the connection closes, the snapshot is replaced or a part is missing', async () => {
    const closing = library(2000, 10, 10);
    const closed = warm(closing);
    await new Promise((resolve) => setImmediate(resolve));
    closing.close();
    const steps = await closed;
    expect(sum(steps.searchIndex)).toBeLessThan(2000);
    expect(steps.keyIds).toEqual([]);

    let current = true;
    const replaced = warm(library(2000, 10, 10), () => current);
    await new Promise((resolve) => setImmediate(resolve));
    current = false;
    expect(sum((await replaced).searchIndex)).toBeLessThan(2000);

    // No index or results attached: the first read fails, and the walk ends there.
    expect(await warm(library(10, 10, 10, false))).toEqual({ searchIndex: [], qaResults: [], keyIds: [] });
  });
});
