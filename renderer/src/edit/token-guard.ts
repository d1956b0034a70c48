/**
 * Keeps tokens (placeholders, tags) whole while a translator types in a plain textarea.
 *
 * The editor does not intercept keys one by one: it lets the textarea change (typing, IME, paste, cut, drag and
 * drop, spell-check replacements all arrive the same way) and then compares the text before and after. A change
 * that would cut into a token is widened so the whole token goes (Backspace after `%s` deletes `%s`, not `s`); text
 * typed inside a token is moved to just after it. So a token can be inserted or deleted, never broken by accident.
 */
import type { TokenSpan } from './tokens';

/** The text after a guarded change, and where the caret belongs. */
export interface GuardedChange {
  readonly text: string;
  readonly caret: number;
  /** True when the change was altered to keep a token whole (the caret must then be set by hand). */
  readonly adjusted: boolean;
}

/** Where `before` and `after` differ: `before[start, removedEnd)` became `inserted`. */
interface Difference {
  readonly start: number;
  readonly removedEnd: number;
  readonly inserted: string;
}

/**
 * The smallest difference between two texts. When it is ambiguous (typing `%` before `%s` gives `%%s`, which could
 * be an insertion at either position), the caret after the change decides: inserted text ends at the caret.
 */
export function difference(before: string, after: string, caret: number): Difference {
  const shorter = Math.min(before.length, after.length);
  let suffix = 0;
  const suffixLimit = Math.min(shorter, Math.max(0, after.length - caret));
  while (suffix < suffixLimit && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  let prefix = 0;
  const prefixLimit = shorter - suffix;
  while (prefix < prefixLimit && before[prefix] === after[prefix]) prefix += 1;
  return { start: prefix, removedEnd: before.length - suffix, inserted: after.slice(prefix, after.length - suffix) };
}

/** True when `position` lies strictly inside the token. */
const inside = (token: TokenSpan, position: number): boolean => token.start < position && position < token.end;

/**
 * Applies the token rules to a change of the textarea from `before` to `after`; `tokens` are those of `before`,
 * `caret` is the textarea's caret after the change.
 */
export function guardChange(before: string, after: string, caret: number, tokens: readonly TokenSpan[]): GuardedChange {
  const change = difference(before, after, caret);
  if (tokens.length === 0) return { text: after, caret, adjusted: false };
  if (change.start === change.removedEnd) {
    const host = tokens.find((token) => inside(token, change.start));
    if (host === undefined) return { text: after, caret, adjusted: false };
    const text = before.slice(0, host.end) + change.inserted + before.slice(host.end);
    return { text, caret: host.end + change.inserted.length, adjusted: true };
  }
  let start = change.start;
  let end = change.removedEnd;
  for (const token of tokens) {
    if (inside(token, start)) start = token.start;
    if (inside(token, end)) end = token.end;
  }
  if (start === change.start && end === change.removedEnd) return { text: after, caret, adjusted: false };
  return { text: before.slice(0, start) + change.inserted + before.slice(end), caret: start + change.inserted.length, adjusted: true };
}

/**
 * Inserts `token` in place of the selection `[selectionStart, selectionEnd)`, first widening the selection to whole
 * tokens and moving a caret that sits inside a token to its end, so an insertion never splits another token.
 */
export function insertToken(text: string, selectionStart: number, selectionEnd: number, token: string, tokens: readonly TokenSpan[]): GuardedChange {
  let start = Math.min(selectionStart, selectionEnd);
  let end = Math.max(selectionStart, selectionEnd);
  for (const existing of tokens) {
    if (start === end && inside(existing, start)) {
      start = existing.end;
      end = existing.end;
    } else {
      if (inside(existing, start)) start = existing.start;
      if (inside(existing, end)) end = existing.end;
    }
  }
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length, adjusted: true };
}
