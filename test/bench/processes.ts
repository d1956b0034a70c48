/**
 * Child processes for the benchmark: the fake Lokalise runs in its own process (so its CPU is not counted against
 * ours), and each measured client (Locdesk's sync, the official SDK's fetch) runs in a fresh process of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** The URLs and credentials a fake process prints as its JSON line. */
export interface FakeEndpoints {
  origin: string;
  authUrl: string;
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

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

/** Runs a TypeScript bench script in a fresh Node process and returns the JSON object it prints last. */
export function runChild<T>(script: string, args: string[]): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
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
