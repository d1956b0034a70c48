/**
 * Turns whatever stopped a project's sync into words a translator can act on. Failures Locdesk already names
 * (Lokalise's answers, the session, the library) keep their own code and sentence; a raw database error becomes a
 * sentence about the disk or the library; anything else says where the sync stopped, that the offline copy is
 * unchanged and what to do, never "Something went wrong". The raw error goes to the log, not to the user.
 */
import { LocdeskError } from '../errors';

/** Where in a project's sync the failure happened, in the words the message uses. */
export type SyncStep = 'project' | 'languages' | 'keys' | 'finalizing';

const stepWords: Record<SyncStep, string> = {
  project: 'reading the project from Lokalise',
  languages: 'reading the project languages',
  keys: 'downloading and saving the keys',
  finalizing: 'putting the new copy in place',
};

function sqliteCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** The error to record and show for a failed sync of `projectName` that stopped at `step`. */
export function syncFailure(error: unknown, projectName: string, step: SyncStep): LocdeskError {
  if (error instanceof LocdeskError) return error;
  const kept = 'Its previous offline copy is unchanged.';
  const sqlite = sqliteCode(error);
  if (sqlite !== null) {
    if (sqlite.startsWith('SQLITE_FULL')) return new LocdeskError('store.unavailable', `The disk is full, so Locdesk could not save ${projectName}. ${kept} Free some space, then sync again.`, { cause: error });
    if (sqlite.startsWith('SQLITE_READONLY') || sqlite.startsWith('SQLITE_CANTOPEN') || sqlite.startsWith('SQLITE_IOERR')) {
      return new LocdeskError('store.unavailable', `Locdesk could not write ${projectName} to its offline library: the disk refused the write. ${kept} Check the disk, then sync again.`, { cause: error });
    }
    return new LocdeskError('store.unavailable', `Locdesk could not save ${projectName} in its offline library. ${kept} Sync again; if it keeps failing, forget the offline data and sync afresh.`, { cause: error });
  }
  return new LocdeskError('sync.failed', `The sync of ${projectName} stopped while ${stepWords[step]}. ${kept} Sync again; if it keeps failing, a full resync or Locdesk's log can tell more.`, { cause: error });
}
