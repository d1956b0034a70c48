import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

/** What a thread's entry pulls in when bundled as the app bundles it: its own files, and the packages it loads. */
async function importsOf(entry: string): Promise<{ files: string[]; packages: string[] }> {
  const result = await build({ entryPoints: [join(root, entry)], bundle: true, platform: 'node', format: 'esm', packages: 'external', write: false, metafile: true, logLevel: 'silent' });
  const output = Object.values(result.metafile.outputs)[0]!;
  return {
    files: Object.keys(result.metafile.inputs),
    packages: [...new Set(output.imports.filter((entry) => entry.external && !entry.path.startsWith('node:')).map((entry) => entry.path))],
  };
}

// A first sync waits for the writing thread to start, and the thread's start is mostly the loading of its imports:
// with the QA rules in its graph (zod, an ICU parser) it took 140-165 ms on the bench machine, without them 60-100.
describe('what the sync threads load when they start', () => {
  it('the writing thread loads SQLite and nothing of the QA rules, the contract or zod', async () => {
    const { files, packages } = await importsOf('main/core/store/snapshot-worker.ts');
    expect(packages).toEqual(['libsql']);
    expect(files.filter((file) => file.startsWith('common/') || file.includes('/qa'))).toEqual([]);
    expect(files).not.toContain('main/core/store/database.ts');
  });

  it('the indexing thread loads SQLite and its own file only', async () => {
    const { files, packages } = await importsOf('main/core/store/search-index-worker.ts');
    expect(packages).toEqual(['libsql']);
    expect(files).toEqual(['main/core/store/search-index-worker.ts']);
  });
});
