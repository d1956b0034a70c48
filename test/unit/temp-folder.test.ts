import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import setup from '../support/temp-folder';

const names = ['TMPDIR', 'TEMP', 'TMP'] as const;
const saved = { ...process.env };

afterEach(() => {
  // The run's own setup set all three before this file ran, so each has a value to go back to.
  for (const name of names) process.env[name] = saved[name];
});

describe("the test run's temporary folder", () => {
  it('takes every temporary folder made after it, and removes them all at the end of the run', () => {
    const outer = tmpdir();
    const teardown = setup();
    const folder = tmpdir();
    expect(folder.startsWith(join(outer, 'locdesk-tests-'))).toBe(true);
    for (const name of names) expect(process.env[name]).toBe(folder);
    // What a test makes and leaves behind: a library folder with a file in it.
    const library = mkdtempSync(join(tmpdir(), 'locdesk-store-'));
    writeFileSync(join(library, 'library.sqlite'), 'x');
    teardown();
    expect(existsSync(library)).toBe(false);
    expect(existsSync(folder)).toBe(false);
  });
});
