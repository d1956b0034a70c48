/**
 * Turns what a translator types into SQL conditions over the full-text index.
 *
 * Each whitespace-separated term must appear somewhere in the key (names on every platform, description, context
 * or any translation) as a substring, in any script, ignoring case and diacritics. The index holds whole words, so a
 * term is looked up through its vocabulary (see search-vocabulary.ts): "ttings" becomes any of the indexed words
 * that contain it (settings, settingsmenu), and "設定が" any of the unspaced CJK runs that contain it. For a term made
 * of word characters only that is exact, since such a run of characters can only occur inside a single word.
 *
 * A term with other characters in it ("settings.title", "l'app", "(1)") must be found verbatim: each of its words
 * narrows the candidates the same way, and a LIKE over the key's text then checks the whole term. The LIKE is also
 * the fallback for a word found inside more than `expansionLimit` indexed words (a digit, a single letter): the
 * index would then be asked for thousands of words (about 40 µs each), so a scan of the project's keys is cheaper.
 * LIKE ignores case for ASCII letters only. It reads translation values through the JSON functions, because a plain
 * LIKE over the stored JSON would also match its language codes ("en", "ar") and plural category names ("one",
 * "few") and so find every key; the plain LIKE only serves as a quick pre-check.
 */
import { searchTerms } from '../../../common/search-text';
import type { Vocabulary } from './search-vocabulary';

/** Conditions (on keys aliased `k`) and their parameters. */
export interface SearchConditions {
  /** The FTS5 expression for the terms the index can answer, or null; callers drive the query from it (see keyPage). */
  readonly match: string | null;
  /** Extra conditions for the terms it cannot answer alone, on keys aliased `k`. */
  readonly where: string[];
  readonly parameters: string[];
}

/** The most indexed words one word of a term may expand to before the term is checked by LIKE instead. */
export const expansionLimit = 1000;

/** A character the index's tokenizer does not keep inside words (see unicode61's default categories). */
const separator = /[^\p{L}\p{N}\p{Co}\p{M}]/u;

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** The key's own text columns a term is looked for in by LIKE (the translations are read separately). */
const nameColumns = ['name', 'name_ios', 'name_android', 'name_web', 'name_other', 'description', 'context'] as const;

/**
 * `term` as it appears inside stored JSON text: JSON escapes quotes, backslashes and control characters (JavaScript's
 * JSON.stringify, which the snapshot writer uses, and SQLite's JSON functions write the same short escapes).
 */
function jsonInner(term: string): string {
  return JSON.stringify(term).slice(1, -1);
}

/**
 * The LIKE condition that finds `term` verbatim in a key's text. A plain LIKE over the stored JSON, with the term in
 * its JSON spelling, is a cheap pre-check: only a key whose JSON holds it somewhere (a value, or a language code or
 * plural category name) is opened value by value.
 */
function likeCondition(term: string): { sql: string; parameters: string[] } {
  const pattern = likePattern(term);
  const sql = `(${nameColumns.map((column) => `k.${column} LIKE ? ESCAPE '\\'`).join(' OR ')} OR EXISTS (
      SELECT 1 FROM key_translations t, json_each(t.translations) j WHERE t.key_row = k.id AND t.translations LIKE ? ESCAPE '\\' AND (
        CASE WHEN json_type(j.value, '$[1]') = 'object'
          THEN EXISTS (SELECT 1 FROM json_each(j.value, '$[1]') f WHERE f.value LIKE ? ESCAPE '\\')
          ELSE json_extract(j.value, '$[0]') LIKE ? ESCAPE '\\' END)))`;
  return { sql, parameters: [...nameColumns.map(() => pattern), likePattern(jsonInner(term)), pattern, pattern] };
}

function quoted(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/**
 * The conditions for `text`; none when it is blank. The text is first cut to the shared limits (common/search-text.ts):
 * its first characters, its distinct terms, so no paste can make a search arbitrarily expensive.
 */
export function buildSearch(text: string, vocabulary: Vocabulary): SearchConditions {
  const { terms } = searchTerms(text);
  const where: string[] = [];
  const parameters: string[] = [];
  if (terms.length === 0) return { match: null, where, parameters };
  const groups: string[] = [];
  vocabulary.words(terms).forEach((words, index) => {
    const term = terms[index] ?? '';
    let exact = words.length === 1 && !separator.test(term);
    for (const word of words) {
      const found = vocabulary.containing(word, expansionLimit);
      if (found === null) {
        exact = false;
        continue;
      }
      // The word itself is always an alternative, so a word in no indexed word matches nothing rather than everything.
      groups.push(`(${[word, ...found.filter((entry) => entry !== word)].map(quoted).join(' OR ')})`);
    }
    if (!exact) {
      const like = likeCondition(term);
      where.push(like.sql);
      parameters.push(...like.parameters);
    }
  });
  return { match: groups.length === 0 ? null : groups.join(' AND '), where, parameters };
}
