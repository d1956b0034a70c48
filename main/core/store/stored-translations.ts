/**
 * How a key's translations are stored: one JSON object per key in key_translations (see migrations.ts), plus three
 * bitmasks over the project's language positions on the key row. The snapshot writer writes this format and the
 * queries and the index rebuild read it, so it lives below all three.
 */

/** Language positions that fit a bitmask held exactly in a JavaScript number. */
export const maskedLanguages = 52;

/** A translation as stored in a key's JSON: value, plural forms, reviewed, unverified, modified time. */
export type StoredTranslation = [string, Record<string, string> | null, 0 | 1, 0 | 1, number | null];

/** True when a translation has no text (all plural forms empty, for plural keys). */
export function isEmptyTranslation(value: string, forms: Readonly<Record<string, string>> | null): boolean {
  return forms === null ? value.trim() === '' : Object.values(forms).every((form) => form.trim() === '');
}
