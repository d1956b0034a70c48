/**
 * Reads a project's facets on a thread (issue 17, "main never blocks"): the distinct tags and platforms read every
 * key of the snapshot, 90–580 ms at 100,000 keys, and main asked for them right after a project opened, freezing
 * the window. The thread is the QA scan worker's entry in its `facets` mode (qa-scan-worker.ts), so the builds that
 * put each worker file beside its bundle need no new entry; like the QA counts it opens the library read-only, runs
 * the same reads main ran (facets-read.ts), answers once and ends. Main keeps the cache rules (key-queries.ts).
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script';
import type { GenerationFacets } from './facets-read';

/** What a facets thread is handed at start. */
export interface FacetsData {
  readonly job: 'facets';
  readonly libraryPath: string;
  readonly projectId: string;
}

/** A facets thread's one answer: the facets, or the SQLite error's message and code. */
export type FacetsReply = { readonly type: 'facets'; readonly answer: GenerationFacets } | ThreadFailure;

/**
 * SQLite's error on the thread, rebuilt with its message and code, so the store's damage handling (`isDamage`,
 * `storeError`) treats it exactly as the same error met by a read on main.
 */
export function threadError(message: string, code: string | null): Error {
  const error = new Error(message) as Error & { code?: string };
  if (code !== null) error.code = code;
  return error;
}

/** A one-shot thread's failure: the SQLite error's message and code (see `threadError`). */
export interface ThreadFailure {
  readonly type: 'failed';
  readonly message: string;
  readonly code: string | null;
}

/**
 * Runs the QA scan worker's entry with `data` (a job mode that answers once and ends) and resolves with its answer.
 * Rejects with the thread's SQLite error (see `threadError`); resolves null when no thread could run or it stopped
 * without an answer, and the caller then reads on main as before. Shared by the facets and the search arrays.
 */
export async function oneAnswerFromThread<Answer extends { readonly type: string }>(data: { readonly job: string }): Promise<Answer | null> {
  let script: URL;
  try {
    script = await workerScript('store/qa-scan-worker');
  } catch {
    return null;
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: data });
    // The thread answers once; settling twice is harmless, so each event below only says what it knows.
    worker.on('message', (reply: Answer | ThreadFailure) => {
      if (reply.type === 'failed') {
        const failure = reply as ThreadFailure;
        reject(threadError(failure.message, failure.code));
      } else resolve(reply as Answer);
    });
    worker.on('error', () => resolve(null));
    worker.on('exit', () => resolve(null));
  });
}

/**
 * The project's current facets read on a thread. Rejects with the thread's SQLite error (see `threadError`); resolves
 * null when no thread could run or it stopped without an answer, and the caller then reads on main as before.
 */
export async function facetsOnThread(data: FacetsData): Promise<GenerationFacets | null> {
  const reply = await oneAnswerFromThread<Extract<FacetsReply, { type: 'facets' }>>(data);
  return reply?.answer ?? null;
}
