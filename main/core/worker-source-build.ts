/**
 * Development only: bundles a worker entry from its TypeScript source, for runs that have no built copy of it (see
 * worker-script.ts, the only module that loads this one, and only when it runs from source itself).
 *
 * The bundle is what the main build makes of the same entry: ESM, Node built-ins and packages left to node_modules.
 * It is written into node_modules/.cache/locdesk-workers, where `libsql` resolves as it does from out/main, and named
 * by a hash of its content, so parallel test processes share one file and a changed source gets a new one; a file is
 * written under a temporary name and renamed, so no process ever starts a half-written worker.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheFolder = join(root, 'node_modules', '.cache', 'locdesk-workers');
const built = new Map<string, Promise<URL>>();

async function bundle(entry: string): Promise<URL> {
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent' });
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = join(cacheFolder, `${basename(entry, '.ts')}-${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(cacheFolder, { recursive: true });
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return pathToFileURL(file);
}

/** The bundled file for the worker entry at `entry` (an absolute .ts path), built once per process. */
export function bundleWorker(entry: string): Promise<URL> {
  let pending = built.get(entry);
  if (pending === undefined) {
    pending = bundle(entry);
    // A failed build is not kept, so the next start tries again.
    void pending.catch(() => built.delete(entry));
    built.set(entry, pending);
  }
  return pending;
}
