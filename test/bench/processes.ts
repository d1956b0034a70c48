/**
 * Child processes for the benchmark: the fake Lokalise runs in its own process (so its CPU is not counted against
 * ours), and each measured client (Locdesk's sync, the official SDK's fetch) runs in a fresh process of its own.
 *
 * Measured children run as bundled JavaScript under plain Node, as the app's own code runs, rather than through the
 * tsx loader: the loader keeps a compiler thread of its own, which would count against the memory and CPU measured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import type { FakeEndpoints } from '../fake-lokalise/server';

const root = join(import.meta.dirname, '..', '..');

/** A running fake in a child process. */
export interface FakeProcess {
  readonly endpoints: FakeEndpoints;
  stop(): Promise<void>;
}

/** Starts `npm run fake-lokalise` with `args` and waits for its JSON line. */
export function startFakeProcess(args: string[]): Promise<FakeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'fake-lokalise', 'cli.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fake exited early (${code ?? 'signal'})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      resolve({
        endpoints: JSON.parse(line) as FakeEndpoints,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/**
 * The worker thread entries a bundled child may start; like the app's main build (vite.config.ts), a bundle finds
 * each one as a file beside itself (see main/core/worker-script.ts).
 */
const workerEntries = ['main/core/store/search-index-worker.ts', 'main/core/store/qa-scan-worker.ts', 'main/core/store/integrity-check-worker.ts', 'main/core/store/snapshot-worker.ts'];

/** Bundles a bench script (dependencies stay in node_modules), with the worker files beside it, and returns its path. */
async function bundle(script: string): Promise<string> {
  const folder = join(root, 'out', 'bench');
  const outfile = join(folder, `${basename(script, '.ts')}.mjs`);
  const options = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' } as const;
  await build({ ...options, entryPoints: [join(import.meta.dirname, script)], outfile });
  await build({ ...options, entryPoints: workerEntries.map((entry) => join(root, entry)), outdir: folder, outExtension: { '.js': '.js' } });
  return outfile;
}

/**
 * Runs a TypeScript bench script, bundled, in a fresh Node process and returns the JSON object it prints last.
 * `environment` adds variables (LOCDESK_* settings) to the child's environment.
 */
export async function runChild<T>(script: string, args: string[], environment: Record<string, string> = {}): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, [await bundle(script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...environment } });
  let last = '';
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) last = line;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 || last === '') reject(new Error(`${script} failed (exit ${code ?? 'signal'})`));
      else resolve(JSON.parse(last) as T);
    });
  });
}
