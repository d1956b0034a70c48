/**
 * Vitest global setup: the run's temporary folders all go under one folder of its own, removed when the run ends.
 *
 * Why: many tests make a library folder per case (a store's files are megabytes with their write-ahead logs), and
 * not every test removes what it made, least of all one that fails or times out; on the project's test machine a
 * few hundred runs had left 16 GB in /tmp. Node's `os.tmpdir()` reads TMPDIR (TEMP and TMP on Windows) each time it
 * is called, and the test workers start after this with this environment, so every `mkdtempSync(tmpdir())` of a
 * test lands here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Points the temporary folder variables at a new folder; answers the teardown that removes it. */
export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'locdesk-tests-'));
  for (const name of ['TMPDIR', 'TEMP', 'TMP']) process.env[name] = folder;
  return () => {
    rmSync(folder, { recursive: true, force: true });
  };
}
