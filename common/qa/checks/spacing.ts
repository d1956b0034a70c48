/**
 * White space at the edges (apps join strings, so "Total: " needs its trailing space and a leading line break is
 * layout) and double spaces inside. Scripts written without spaces (Japanese, Chinese, Thai…) need no space where a
 * source has one before the next part, so only a missing line break counts there.
 */
import { matchesOf } from '../text/matches';
import { countCharacters, isSpaceCode } from '../text/characters';
import { shown, span, type FormCheck, type FormPair, type Report } from './context';

interface Edge {
  readonly text: string;
  readonly start: number;
  readonly breaks: number;
  readonly spaces: number;
}

const leading = /^\s+/u;
const trailing = /\s+$/u;

function edge(text: string, pattern: RegExp): Edge {
  const match = pattern.exec(text);
  if (match === null) return { text: '', start: pattern === leading ? 0 : text.length, breaks: 0, spaces: 0 };
  const breaks = match[0].split('\n').length - 1;
  return { text: match[0], start: match.index, breaks, spaces: match[0].length - breaks - (match[0].match(/\r/g)?.length ?? 0) };
}

function describeEdge(value: Edge): string {
  const parts: string[] = [];
  if (value.breaks > 0) parts.push(value.breaks === 1 ? 'a line break' : `${value.breaks} line breaks`);
  if (value.spaces > 0) parts.push(value.spaces === 1 ? 'a space' : `${value.spaces} spaces`);
  return parts.length === 0 ? 'nothing' : parts.join(' and ');
}

function compareEdges(pair: FormPair, pattern: RegExp, where: 'start' | 'end', report: Report): void {
  const sourceText = pair.source.text;
  const targetText = pair.target.text;
  const sourceSpaced = isSpaceCode(sourceText.charCodeAt(where === 'start' ? 0 : sourceText.length - 1));
  const targetSpaced = isSpaceCode(targetText.charCodeAt(where === 'start' ? 0 : targetText.length - 1));
  if (!sourceSpaced && !targetSpaced) return;
  const source = edge(sourceText, pattern);
  const target = edge(targetText, pattern);
  const breaksDiffer = source.breaks !== target.breaks;
  const spacesMissing = source.spaces > 0 && target.spaces === 0 && !pair.targetLanguage.writtenWithoutSpaces;
  const spacesAdded = source.spaces === 0 && target.spaces > 0;
  if (!breaksDiffer && !spacesMissing && !spacesAdded) return;
  const action = target.text === '' ? `Add ${describeEdge(source)} at the ${where}` : source.text === '' ? `Remove ${describeEdge(target)} at the ${where}` : `Use ${describeEdge(source)} at the ${where}`;
  report({
    message: `${action}: the source has ${describeEdge(source)} there and the translation has ${describeEdge(target)}.`,
    token: target.text === '' ? null : target.text,
    range: target.text === '' ? null : span(target.start, target.start + target.text.length),
  });
}

/** Leading spaces or line breaks differ from the source. */
export const checkLeadingWhitespace: FormCheck = (pair, report) => compareEdges(pair, leading, 'start', report);

/** Trailing spaces or line breaks differ from the source. */
export const checkTrailingWhitespace: FormCheck = (pair, report) => compareEdges(pair, trailing, 'end', report);

const doubleSpace = /[ \u00a0\u202f\u3000]{2,}/gu;
const anyDoubleSpace = /[ \u00a0\u202f\u3000]{2}/u;

function innerDoubleSpaces(text: string): RegExpExecArray[] {
  const body = text.trimEnd();
  const startOfBody = text.length - text.trimStart().length;
  return matchesOf(doubleSpace, body).filter((match) => match.index >= startOfBody);
}

/** Two or more spaces in a row inside the translation, where the source has none. */
export const checkDoubleSpace: FormCheck = (pair, report) => {
  const text = pair.target.text;
  if (!anyDoubleSpace.test(text)) return;
  if (innerDoubleSpaces(pair.source.text).length > 0) return;
  for (const match of innerDoubleSpaces(text).slice(0, 5)) {
    const start = match.index;
    const before = /(\S+)$/u.exec(text.slice(0, start))?.[1];
    report({
      message: `${before === undefined ? 'Two spaces in a row' : `Two spaces in a row after ${shown(before)}`}: keep one.`,
      token: match[0],
      range: span(start, start + match[0].length),
    });
  }
};

/** The first user-perceived character that counts as more than one (an emoji sequence, a letter with marks). */
let graphemes: Intl.Segmenter | undefined;
/** Code points that join a character to the one before it: combining marks, ZWJ, variation selectors, skin tones, flags. */
const joining = /\p{M}|\u200d|\ufe0e|\ufe0f|[\u{1f3fb}-\u{1f3ff}]|[\u{1f1e6}-\u{1f1ff}]/u;

/** The first user-perceived character that counts as more than one (an emoji sequence, a letter with marks). */
function firstCompositeCharacter(text: string): string | null {
  const normalized = text.normalize('NFC');
  const at = normalized.search(joining);
  if (at < 0) return null;
  // Segment only a window around the first joining code point: segmenting a whole text costs far more.
  const from = Math.max(0, at - 8);
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment, index } of graphemes.segment(normalized.slice(from, at + 24))) {
    if (index > 0 && from + index > at) break;
    if (countCharacters(segment) > 1) return segment;
  }
  return null;
}

/**
 * The translation is longer than the key's `char_limit`. Counted in code points after NFC normalisation: Lokalise
 * does not say how it counts; its API and editor are PHP and JavaScript, whose character counts are code points and
 * UTF-16 units. Code points are at least as many as user-perceived characters (so what passes here fits the limit
 * however Lokalise counts graphemes), NFC keeps a decomposed "é" from counting twice, and the message names an emoji
 * or letter that counts as several, so the count never surprises.
 */
export const checkCharLimit: FormCheck = (pair, report) => {
  const limit = pair.charLimit;
  const text = pair.target.text;
  if (limit <= 0 || text.length <= limit) return;
  const count = countCharacters(text);
  if (count <= limit) return;
  const composite = firstCompositeCharacter(text);
  const note = composite === null ? '' : ` (${shown(composite)} counts as ${countCharacters(composite)} characters)`;
  let start: number | null = null;
  if (text === text.normalize('NFC')) {
    let seen = 0;
    for (let index = 0; index < text.length && start === null; index += 1) {
      const code = text.charCodeAt(index);
      if (code >= 0xdc00 && code <= 0xdfff) continue;
      seen += 1;
      if (seen > limit) start = index;
    }
  }
  report({
    message: `The translation has ${count} characters${note}; the limit for this key is ${limit}. Shorten it by ${count - limit}.`,
    token: null,
    range: start === null ? null : span(start, text.length),
  });
};
