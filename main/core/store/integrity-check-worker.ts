/**
 * Worker thread entry: SQLite's quick check of the library and its search index, read-only, away from the main
 * thread. A check reads every page of a file (about a second for a 500 MB library), which the window must not wait
 * for; damage that happened while the app was closed is then found at start-up, not at the first unlucky query.
 */
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';
import { isDamage } from './damage';
import type { FileVerdict, IntegrityReport } from './integrity-protocol';

function check(path: string): FileVerdict {
  if (!existsSync(path)) return 'missing';
  let connection: Database.Database | null = null;
  try {
    connection = new Database(path, { readonly: true });
    const rows = connection.prepare('PRAGMA quick_check(1)').raw(true).all() as [string][];
    return rows[0]?.[0] === 'ok' ? 'ok' : 'damaged';
  } catch (error) {
    return isDamage(error) ? 'damaged' : 'unknown';
  } finally {
    connection?.close();
  }
}

const files = workerData as { library: string; searchIndex: string };
const report: IntegrityReport = { library: check(files.library), searchIndex: check(files.searchIndex) };
parentPort?.postMessage(report);
