/**
 * Recognises SQLite's ways of saying a file is damaged or not a database at all, for the library and the search index
 * alike, so each can offer its own way out (set the library aside, rebuild the index) instead of a raw error.
 */

/** True when `error` says the file is damaged or is not a database. */
export function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  const text = `${typeof code === 'string' ? code : ''} ${error instanceof Error ? error.message : ''}`;
  return /NOTADB|CORRUPT|not a database|malformed|file is encrypted/i.test(text);
}
