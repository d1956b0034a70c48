/**
 * Splits translation text into plain runs, placeholders (`%s`, `%1$s`, `{count}`, `[%i:count]`, HTML tags) and
 * search matches, so they can be shown distinctly. Placeholders are what translators must keep intact; the
 * pattern covers printf, ICU-style braces, Lokalise's universal placeholders and markup.
 */

/** One run of text and what it is. */
export interface Segment {
  readonly text: string;
  readonly kind: 'text' | 'placeholder' | 'match';
}

const placeholderPattern = /(%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifuxXeEgGcp@]|\{\{?[A-Za-z0-9_.]+(?:,[^{}]*)?\}?\}|\[%[a-z0-9]+:[A-Za-z0-9_]+\]|<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?>)/g;

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matches(text: string, terms: readonly string[]): Segment[] {
  if (terms.length === 0 || text === '') return text === '' ? [] : [{ text, kind: 'text' }];
  const pattern = new RegExp(`(${terms.map(escapeForPattern).join('|')})`, 'giu');
  return text
    .split(pattern)
    .filter((part) => part !== '')
    .map((part) => ({ text: part, kind: terms.some((term) => term.toLocaleLowerCase() === part.toLocaleLowerCase()) ? 'match' : 'text' }));
}

/** Segments of `text`, with placeholders marked and the words of `search` marked outside them. */
export function segments(text: string, search = ''): Segment[] {
  const terms = search.trim().split(/\s+/).filter((term) => term !== '');
  const result: Segment[] = [];
  let last = 0;
  for (const found of text.matchAll(placeholderPattern)) {
    const index = found.index;
    result.push(...matches(text.slice(last, index), terms));
    result.push({ text: found[0], kind: 'placeholder' });
    last = index + found[0].length;
  }
  result.push(...matches(text.slice(last), terms));
  return result;
}
