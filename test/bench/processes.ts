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

/** Bundles a bench script (dependencies stay in node_modules) and returns the bundle's path. */
async function bundle(script: string): Promise<string> {
  const outfile = join(root, 'out', 'bench', `${basename(script, '.ts')}.mjs`);
  await build({ entryPoints: [join(import.meta.dirname, script)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
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
