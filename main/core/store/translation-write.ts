/**
 * Writes one translation into the current snapshot of a project: what a push does after Lokalise accepted an edit
 * (the answer becomes the synced value) and what "take theirs" does with the server's copy. The key's stored
 * translations and its status masks (on the key row and in both list orders) change together in one transaction,
 * so the status filters agree with the cell at once. The key's search document is written again from the same rows,
 * and its new words join the index's word list, so a search finds the pushed text at once, not after the next sync.
 */
import type { Connection } from './connection';
import { currentGeneration } from './project-rows';
import { documentText } from './search-index';
import { indexVocabulary } from './search-vocabulary';
import { rowWritten } from './search-ranks';
import { isEmptyTranslation, maskedLanguages, type StoredTranslation } from './stored-translations';

/** The server's copy of one translation, as the library stores it. */
export interface LibraryTranslation {
  readonly value: string;
  readonly pluralForms: Readonly<Record<string, string>> | null;
  readonly isReviewed: boolean;
  readonly isUnverified: boolean;
  /** Epoch milliseconds, or null. */
  readonly modifiedAt: number | null;
}

function withBit(mask: number, bit: number, on: boolean): number {
  const has = Math.floor(mask / bit) % 2 === 1;
  if (has === on) return mask;
  return on ? mask + bit : mask - bit;
}

/** Stores `translation` for the key's language; returns false when the project, key or language is not in the library. */
export function writeTranslation(connection: Connection, projectId: string, keyId: number, languageIso: string, translation: LibraryTranslation): boolean {
  const generation = currentGeneration(connection, projectId);
  if (generation === null) return false;
  const row = connection
    .prepare('SELECT k.id, t.translations, k.empty_mask, k.unverified_mask, k.unreviewed_mask FROM keys k JOIN key_translations t ON t.key_row = k.id WHERE k.project_id = ? AND k.generation = ? AND k.key_id = ?')
    .raw(true)
    .get(projectId, generation, keyId) as [number, string, number, number, number] | undefined;
  const language = connection.prepare('SELECT position FROM languages WHERE project_id = ? AND generation = ? AND iso = ?').raw(true).get(projectId, generation, languageIso) as [number] | undefined;
  if (row === undefined || language === undefined) return false;
  const [id, text, emptyMask, unverifiedMask, unreviewedMask] = row;
  const stored = JSON.parse(text) as Record<string, StoredTranslation>;
  const forms = translation.pluralForms === null ? null : { ...translation.pluralForms };
  stored[languageIso] = [translation.value, forms, translation.isReviewed ? 1 : 0, translation.isUnverified ? 1 : 0, translation.modifiedAt];
  const position = language[0];
  let masks = [emptyMask, unverifiedMask, unreviewedMask] as const;
  if (position < maskedLanguages) {
    const bit = 2 ** position;
    const empty = isEmptyTranslation(translation.value, forms);
    masks = [withBit(emptyMask, bit, empty), withBit(unverifiedMask, bit, !empty && translation.isUnverified), withBit(unreviewedMask, bit, !empty && !translation.isReviewed)];
  }
  connection.transaction(() => {
    connection.prepare('UPDATE key_translations SET translations = ? WHERE key_row = ?').run(JSON.stringify(stored), id);
    connection.prepare('UPDATE keys SET empty_mask = ?, unverified_mask = ?, unreviewed_mask = ? WHERE id = ?').run(...masks, id);
    connection.prepare('UPDATE key_order SET empty_mask = ?, unverified_mask = ?, unreviewed_mask = ? WHERE id = ?').run(...masks, id);
  })();
  reindexKey(connection, id, stored);
  rowWritten(connection, projectId, generation, id, { empty: masks[0], unverified: masks[1], unreviewed: masks[2] });
  return true;
}

/**
 * Writes key row `id`'s search document again (the same text a sync indexes) and adds its words that the word list
 * lacks, bumping the list's version only then, so readers reload it only when a search could find something new.
 */
function reindexKey(connection: Connection, id: number, stored: Readonly<Record<string, StoredTranslation>>): void {
  const names = connection.prepare('SELECT name_web, name_ios, name_android, name_other, description, context FROM keys WHERE id = ?').raw(true).get(id) as
    | [string, string, string, string, string, string]
    | undefined;
  if (names === undefined) return;
  const [web, ios, android, other, description, context] = names;
  const body = documentText([web, ios, android, other], description, context, Object.values(stored).map(([value, forms]) => [value, forms] as const));
  const words = indexVocabulary(connection).words([body])[0] ?? [];
  connection.transaction(() => {
    connection.prepare('DELETE FROM search.key_words WHERE rowid = ?').run(id);
    connection.prepare('INSERT INTO search.key_words (rowid, body) VALUES (?, ?)').run(id, body);
    const addTerm = connection.prepare('INSERT OR IGNORE INTO search.terms (term) VALUES (?)');
    let added = 0;
    for (const word of new Set(words)) added += addTerm.run(word).changes;
    if (added > 0) connection.exec('UPDATE search.terms_version SET version = version + 1');
  })();
}
