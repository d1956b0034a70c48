/**
 * Turns what a translator types into SQL conditions over the trigram full-text index.
 *
 * Each whitespace-separated term must appear somewhere in the key (names on every platform, description, context
 * or any translation), as a substring, in any script, ignoring case and diacritics. Terms of three or more characters
 * use the index; shorter ones (a trigram index cannot hold them, e.g. two-character CJK words or "OK") fall back to a
 * LIKE scan of the project's own keys, which is slower but still correct. The scan reads translation values through
 * the JSON functions, because a plain LIKE over the stored JSON would also match its language codes ("en", "ar") and
 * plural category names ("one", "few") and so find every key; the plain LIKE only serves as a quick pre-check.
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

/** The key's own text columns a short term is looked for in (the translations are read separately). */
const nameColumns = ['name', 'name_ios', 'name_android', 'name_web', 'name_other', 'description', 'context'] as const;

/** True when JSON would escape part of `term` (quote, backslash, control character), so it cannot be found verbatim in stored JSON. */
function needsJsonEscape(term: string): boolean {
  return JSON.stringify(term).length !== term.length + 2;
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
    const pattern = likePattern(term);
    // JSON escapes quotes, backslashes and control characters, so the raw pre-check only applies to other terms.
    const precheck = needsJsonEscape(term) ? '' : "t.translations LIKE ? ESCAPE '\\' AND ";
    where.push(
      `(${nameColumns.map((column) => `k.${column} LIKE ? ESCAPE '\\'`).join(' OR ')} OR EXISTS (
        SELECT 1 FROM key_translations t, json_each(t.translations) j WHERE t.key_row = k.id AND ${precheck}(
          CASE WHEN json_type(j.value, '$[1]') = 'object'
            THEN EXISTS (SELECT 1 FROM json_each(j.value, '$[1]') f WHERE f.value LIKE ? ESCAPE '\\')
            ELSE json_extract(j.value, '$[0]') LIKE ? ESCAPE '\\' END)))`,
    );
    parameters.push(...nameColumns.map(() => pattern), ...(precheck === '' ? [] : [pattern]), pattern, pattern);
  }
  return { match, where, parameters };
}
