/**
 * Where a worker thread's code is, for a worker entry written as an ordinary TypeScript module under main/core
 * (type-checked and linted like any file; today the search indexing thread, store/search-index-worker.ts).
 *
 * - In the app, the main build (vite.config.ts, mode `main`) bundles each entry into a file of its own beside the
 *   main bundle: `out/main/search-index-worker.js` next to `out/main/index.js`. This module is then part of
 *   index.js, so the worker file is the sibling of its own URL. The packaging smoke test checks that the file is
 *   packed and that it loads and answers.
 * - The bench's children are bundles too (test/bench/processes.ts); they put the worker beside themselves the same way.
 * - Tests and other runs straight from the TypeScript sources (vitest, tsx, Playwright's loader) have no built file:
 *   there this module is itself a `.ts` file, and the entry is bundled on demand with esbuild (worker-source-build.ts),
 *   from the same source, so those runs start the real worker. Neither Node 20's `--import tsx` in a worker's
 *   `execArgv` (it does not reach the worker's entry: "Unknown file extension .ts") nor eval'd source would be that.
 *   The on-demand build is loaded through a computed URL, so no bundler follows it into the app: esbuild is a
 *   development tool and is not packed.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type SourceBuild = typeof import('./worker-source-build');

/** True when this module runs from its TypeScript source rather than from a bundle. */
function runningFromSource(): boolean {
  return import.meta.url.endsWith('.ts');
}

/**
 * The file to start a worker from, for the entry `entry` (a path under main/core without extension, such as
 * `store/search-index-worker`). Rejects only when a source run cannot bundle it (esbuild missing or the source broken).
 */
export async function workerScript(entry: string): Promise<URL> {
  const here = dirname(fileURLToPath(import.meta.url));
  if (!runningFromSource()) return pathToFileURL(join(here, `${basename(entry)}.js`));
  const sourceBuild = pathToFileURL(join(here, 'worker-source-build.ts')).href;
  const { bundleWorker } = (await import(/* @vite-ignore */ sourceBuild)) as SourceBuild;
  return bundleWorker(join(here, `${entry}.ts`));
}
