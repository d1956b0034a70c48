/** What the integrity check thread (integrity-check-worker.ts) answers, one verdict per file. */

/** `unknown` when the file could not be read for another reason (locked, permissions): not treated as damage. */
export type FileVerdict = 'ok' | 'damaged' | 'missing' | 'unknown';

/** The verdicts for a library folder's two files. */
export interface IntegrityReport {
  readonly library: FileVerdict;
  readonly searchIndex: FileVerdict;
}
