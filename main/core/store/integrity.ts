/**
 * Checks a library folder's files for damage on a worker thread (integrity-check-worker.ts), so start-up finds damage
 * that happened while the app was closed without making the window wait for a full read of the files.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script';
import { storePath } from './library-file';
import type { IntegrityReport } from './integrity-protocol';
import { searchIndexPath } from './search-index';

export type { FileVerdict, IntegrityReport } from './integrity-protocol';

const unknown: IntegrityReport = { library: 'unknown', searchIndex: 'unknown' };

/** The verdict for each file in `folder`; `unknown` for both when the check itself could not run. */
export async function checkLibraryFiles(folder: string): Promise<IntegrityReport> {
  let worker: Worker;
  try {
    worker = new Worker(await workerScript('store/integrity-check-worker'), { workerData: { library: storePath(folder), searchIndex: searchIndexPath(folder) } });
  } catch {
    return unknown;
  }
  return new Promise((resolve) => {
    worker.once('message', (report: IntegrityReport) => resolve(report));
    worker.once('error', () => resolve(unknown));
    worker.once('exit', () => resolve(unknown));
  });
}
