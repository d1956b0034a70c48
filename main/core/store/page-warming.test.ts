import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from './connection';
import { forgetWarmedPages, keyRowsWarmed, warmPagesSoon, type WarmedPart } from './page-warming';

const folders: string[] = [];
const connections: Connection[] = [];

/**
 * A connection with the b-trees the walk reads, as the library's connection has them (the index and the QA results
 * attached): `blocks` index blocks, `issues` QA rows over all projects, and `keys` keys of project "p" generation 2
 * (with their translations and list orders) besides as many of generation 1 (an older snapshot's rows, which its
 * walks must leave out).
 */
function library(blocks: number, issues: number, keys: number, attach = true): Connection {
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-page-warming-'));
  folders.push(folder);
  const opened = new Database(join(folder, 'library.sqlite'));
  connections.push(opened);
  opened.exec("CREATE TABLE keys (id INTEGER PRIMARY KEY, project_id TEXT NOT NULL, generation INTEGER NOT NULL, key_id INTEGER NOT NULL, name TEXT NOT NULL DEFAULT 'key', description TEXT NOT NULL DEFAULT '')");
  opened.exec('CREATE UNIQUE INDEX keys_by_project ON keys (project_id, generation, key_id)');
  opened.prepare("INSERT INTO keys (project_id, generation, key_id) SELECT 'p', g.value, k.value * 3 FROM generate_series(1, 2) g, generate_series(1, ?) k").run(keys);
  opened.exec('CREATE TABLE key_translations (key_row INTEGER PRIMARY KEY, translations TEXT NOT NULL)');
  opened.exec(`INSERT INTO key_translations SELECT id, '{"en":["Save",null,0,0,null]}' FROM keys`);
  opened.exec('CREATE TABLE key_order (project_id TEXT NOT NULL, generation INTEGER NOT NULL, sort INTEGER NOT NULL, position INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (project_id, generation, sort, position)) WITHOUT ROWID');
  // Both orders, positions from 0 per generation; the name order runs backwards through the rows, as an order may.
  opened.exec('INSERT INTO key_order SELECT project_id, generation, 0, row_number() OVER (PARTITION BY generation ORDER BY id DESC) - 1, id FROM keys');
  opened.exec('INSERT INTO key_order SELECT project_id, generation, 1, row_number() OVER (PARTITION BY generation ORDER BY id) - 1, id FROM keys');
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
  const steps: Record<WarmedPart, number[]> = { searchIndex: [], qaResults: [], keyIds: [], keyRows: [] };
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
    // Of the key rows, only the list's first keys, in small steps.
    expect(sum(steps.keyRows)).toBe(keyRowsWarmed);
    expect(Math.max(...steps.keyRows)).toBe(128);
  });

  it("reads the rows of the snapshot's first keys in name order with their translations, and no other snapshot's", async () => {
    const connection = library(10, 10, 200);
    // Rows without translations are not among those read: the walk reads each row with its translations.
    connection.exec('DELETE FROM key_translations WHERE key_row IN (SELECT id FROM keys WHERE generation = 2 ORDER BY id LIMIT 10)');
    // 190 of generation 2's rows in one of its orders: not generation 1's, nor the other order's.
    expect((await warm(connection)).keyRows).toEqual([128, 62]);
    expect((await warm(library(10, 10, keyRowsWarmed + 300))).keyRows.reduce((total, rows) => total + rows, 0)).toBe(keyRowsWarmed);
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
    expect(await warm(connection)).toEqual({ searchIndex: [], qaResults: [], keyIds: [], keyRows: [] });
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
    expect(await warm(library(10, 10, 10, false))).toEqual({ searchIndex: [], qaResults: [], keyIds: [], keyRows: [] });
  });
});
