/**
 * What a search box's text becomes before it reaches the index. Shared by main, which applies it to every query,
 * and the renderer, which tells the translator when their text was cut.
 *
 * Any text a translator can type or paste must get an answer, never a validation error: a pasted paragraph is cut,
 * not refused. The limits keep one search's cost bounded: each term becomes a group of index lookups (and perhaps a
 * LIKE check), so 200 distinct words would cost 200 of them while adding nothing a translator can use.
 */

/** Characters of search text looked at; the rest is ignored (a pasted sentence is still found by its start). */
export const searchTextLimit = 256;

/** Distinct terms looked at; later terms are ignored. */
export const searchTermLimit = 12;

/** The terms of a search and whether anything the translator typed was left out. */
export interface SearchTerms {
  readonly terms: readonly string[];
  /** True when the text was longer than `searchTextLimit` or had more than `searchTermLimit` distinct terms. */
  readonly cut: boolean;
}

/** The first `limit` characters of `text`, never splitting a surrogate pair (an emoji stays whole or goes). */
function cutAt(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const last = text.charCodeAt(limit - 1);
  const splitsPair = last >= 0xd800 && last <= 0xdbff;
  return text.slice(0, splitsPair ? limit - 1 : limit);
}

/**
 * The distinct whitespace-separated terms of `text` (NFC, compared without case, first spelling kept): at most
 * `searchTermLimit` of them, holding at most `searchTextLimit` characters together. Repeats are dropped before
 * anything is counted, so a word pasted a hundred times is one term and nothing is cut; a term is never cut in the
 * middle unless it alone is longer than the limit.
 */
export function searchTerms(text: string): SearchTerms {
  const seen = new Set<string>();
  const terms: string[] = [];
  let characters = 0;
  for (const match of text.normalize('NFC').matchAll(/\S+/g)) {
    const term = match[0];
    const folded = term.toLowerCase();
    if (seen.has(folded)) continue;
    if (terms.length === searchTermLimit) return { terms, cut: true };
    if (characters + term.length > searchTextLimit) {
      if (terms.length === 0) terms.push(cutAt(term, searchTextLimit));
      return { terms, cut: true };
    }
    seen.add(folded);
    terms.push(term);
    characters += term.length;
  }
  return { terms, cut: false };
}
