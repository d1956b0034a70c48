import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from './connection';
import { cachedStatement, keptStatementCount } from './statements';

const folders: string[] = [];
const connections: Connection[] = [];
const paths = new WeakMap<Connection, string>();

function connection(): Connection {
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-statements-'));
  folders.push(folder);
  const opened = new Database(join(folder, 'library.sqlite'));
  paths.set(opened, join(folder, 'library.sqlite'));
  opened.exec('PRAGMA journal_mode = WAL');
  opened.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)');
  opened.exec("INSERT INTO items (name) VALUES ('one'), ('two')");
  connections.push(opened);
  return opened;
}

afterEach(() => {
  for (const opened of connections.splice(0)) opened.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('kept statements', () => {
  it('prepares a text once per connection and mode, and keeps at most 64', () => {
    const opened = connection();
    const first = cachedStatement(opened, 'SELECT name FROM items ORDER BY id', true);
    expect(cachedStatement(opened, 'SELECT name FROM items ORDER BY id', true)).toBe(first);
    const objects = cachedStatement(opened, 'SELECT name FROM items ORDER BY id', false);
    expect(objects).not.toBe(first);
    expect(first.all()).toEqual([['one'], ['two']]);
    expect(objects.all()).toEqual([{ name: 'one' }, { name: 'two' }]);
    for (let index = 0; index < 100; index += 1) cachedStatement(opened, `SELECT ${String(index)} FROM items`, true);
    expect(keptStatementCount(opened)).toBe(64);
    // The oldest went first: the page statement used at the start is prepared anew.
    expect(cachedStatement(opened, 'SELECT name FROM items ORDER BY id', true)).not.toBe(first);
    expect(keptStatementCount(connection())).toBe(0);
  });

  it('sees rows written after it was prepared, and never holds a read that would block VACUUM, DETACH or a write', () => {
    const opened = connection();
    const single = cachedStatement(opened, 'SELECT name FROM items WHERE id = ?', true);
    const every = cachedStatement(opened, 'SELECT name FROM items ORDER BY id', true);
    expect(single.get(1)).toEqual(['one']);
    expect(every.all()).toEqual([['one'], ['two']]);
    const writer = new Database(paths.get(opened) ?? '');
    connections.push(writer);
    writer.exec("UPDATE items SET name = 'uno' WHERE id = 1");
    expect(single.get(1)).toEqual(['uno']);
    opened.exec("ATTACH DATABASE ':memory:' AS other");
    cachedStatement(opened, 'SELECT count(*) FROM other.sqlite_master', true).get();
    expect(() => opened.exec('DETACH DATABASE other')).not.toThrow();
    expect(() => opened.exec('VACUUM')).not.toThrow();
    expect(() => writer.exec("INSERT INTO items (name) VALUES ('three')")).not.toThrow();
    expect(every.all()).toEqual([['uno'], ['two'], ['three']]);
  });
});
