/**
 * Turns what a translator types into SQL conditions over the trigram full-text index.
 *
 * Each whitespace-separated term must appear somewhere in the key (names, description, context or any translation),
 * as a substring, in any script, ignoring case and diacritics. Terms of three or more characters use the index;
 * shorter ones (a trigram index cannot hold them, e.g. two-character CJK words) fall back to a scan of the key's
 * own text, which is slower but still correct.
 */

/** Conditions (on keys aliased `k`) and their parameters. */
export interface SearchConditions {
  /** The FTS5 expression for the indexed terms, or null; callers drive the query from it (see keyPage). */
  readonly match: string | null;
  /** Extra conditions for the short terms, on keys aliased `k`. */
  readonly where: string[];
  readonly parameters: string[];
}

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Characters as the trigram tokenizer counts them: Unicode code points, not UTF-16 units. */
function codePoints(term: string): number {
  let count = 0;
  for (let index = 0; index < term.length; index += 1) {
    const unit = term.charCodeAt(index);
    if (unit < 0xdc00 || unit > 0xdfff) count += 1;
  }
  return count;
}

/** The conditions for `text`; none when it is blank. */
export function buildSearch(text: string): SearchConditions {
  const terms = text.normalize('NFC').trim().split(/\s+/).filter((term) => term !== '');
  const indexed = terms.filter((term) => codePoints(term) >= 3);
  const short = terms.filter((term) => codePoints(term) < 3);
  const where: string[] = [];
  const parameters: string[] = [];
  const match = indexed.length === 0 ? null : indexed.map((term) => `"${term.replace(/"/g, '""')}"`).join(' AND ');
  for (const term of short) {
    where.push(
      "(k.name LIKE ? ESCAPE '\\' OR k.description LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM key_translations t WHERE t.key_row = k.id AND t.translations LIKE ? ESCAPE '\\'))",
    );
    const pattern = likePattern(term);
    parameters.push(pattern, pattern, pattern);
  }
  return { match, where, parameters };
}
