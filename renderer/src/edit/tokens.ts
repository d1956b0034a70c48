/**
 * The parts of a translation a translator must not break by accident: placeholders of every format Locdesk's QA
 * knows (printf, Lokalise universal `[%s]`, Ruby `%{name}`, i18next `{{name}}`, simple ICU arguments `{name}` and
 * `{n, number}`) and HTML/XML tags. The editor shows them as tokens and keeps each one whole.
 *
 * The finding is the QA checks' own (`common/qa/text/tokens.ts`), so the editor and the checks never disagree about
 * what a placeholder is. An ICU plural or select (`{count, plural, one {…} other {…}}`) is not a token: its cases
 * hold text to translate, and the ICU syntax check watches its braces.
 */
import { findBraceArguments, mayBeIcu, tokenize } from '../../../common/qa/text/tokens';

/** One token: a span of the text that is edited as a whole. */
export interface TokenSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: 'placeholder' | 'tag';
}

/** The tokens of `text`, in order, never overlapping. */
export function findTokens(text: string): TokenSpan[] {
  const { placeholders, tags } = tokenize(text);
  const found: TokenSpan[] = [
    ...placeholders.map((item) => ({ text: item.text, start: item.start, end: item.end, kind: 'placeholder' as const })),
    ...tags.map((item) => ({ text: item.text, start: item.start, end: item.end, kind: 'tag' as const })),
  ];
  if (mayBeIcu(text)) {
    for (const argument of findBraceArguments(text)) {
      found.push({ text: argument.text, start: argument.start, end: argument.end, kind: 'placeholder' });
    }
  }
  found.sort((left, right) => left.start - right.start || right.end - left.end);
  const kept: TokenSpan[] = [];
  for (const token of found) {
    const last = kept.at(-1);
    if (last === undefined || token.start >= last.end) kept.push(token);
  }
  return kept;
}

/**
 * The distinct tokens of a source (or of every source form of a plural key), in order of first appearance: what the
 * editor offers to insert, so a translator never has to type `%1$s` or `<b>` by hand.
 */
export function distinctTokens(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const text of texts) for (const token of findTokens(text)) seen.add(token.text);
  return [...seen];
}
