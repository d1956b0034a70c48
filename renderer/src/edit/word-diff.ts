/**
 * A word-level difference between two versions of a translation, for the conflict view ("what did they change?").
 *
 * Written here rather than taken from a library: the texts are short (a UI string, rarely more than a few hundred
 * words), so a plain longest-common-subsequence table over words is fast enough and about forty lines, and it splits
 * words with `Intl.Segmenter`, which also handles scripts without spaces (Japanese, Chinese, Thai) where a
 * whitespace-splitting diff would see one giant word.
 */

/** One run of the comparison: unchanged, only in the newer text, or only in the older one. */
export interface DiffPart {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

/** Above this many words on both sides the table would grow large; the texts are then shown as replaced whole. */
const maximumCells = 1_000_000;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(language: string | undefined): Intl.Segmenter {
  const key = language ?? '';
  let found = segmenters.get(key);
  if (found === undefined) {
    try {
      found = new Intl.Segmenter(language, { granularity: 'word' });
    } catch {
      found = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    segmenters.set(key, found);
  }
  return found;
}

/** The text as words, spaces and punctuation, in order; joined they give the text back. */
export function splitWords(text: string, language?: string): string[] {
  return [...segmenter(language).segment(text)].map((part) => part.segment);
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  const last = parts.at(-1);
  if (last?.kind === kind) parts[parts.length - 1] = { kind, text: last.text + text };
  else parts.push({ kind, text });
}

/**
 * What changed from `older` to `newer`, word by word: unchanged runs, removed runs (only in `older`) and added runs
 * (only in `newer`). Removed parts come before the added parts that replace them.
 */
export function diffWords(older: string, newer: string, language?: string): DiffPart[] {
  if (older === newer) return older === '' ? [] : [{ kind: 'same', text: older }];
  const left = splitWords(older, language);
  const right = splitWords(newer, language);
  if ((left.length + 1) * (right.length + 1) > maximumCells) {
    return [...(older === '' ? [] : [{ kind: 'removed' as const, text: older }]), ...(newer === '' ? [] : [{ kind: 'added' as const, text: newer }])];
  }
  const width = right.length + 1;
  // lengths[i * width + j]: the longest common subsequence of left[i…] and right[j…].
  const lengths = new Uint32Array((left.length + 1) * width);
  for (let i = left.length - 1; i >= 0; i -= 1) {
    for (let j = right.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] = left[i] === right[j] ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (left[i] === right[j]) {
      push(parts, 'same', left[i] ?? '');
      i += 1;
      j += 1;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      push(parts, 'removed', left[i] ?? '');
      i += 1;
    } else {
      push(parts, 'added', right[j] ?? '');
      j += 1;
    }
  }
  for (; i < left.length; i += 1) push(parts, 'removed', left[i] ?? '');
  for (; j < right.length; j += 1) push(parts, 'added', right[j] ?? '');
  return tidy(parts);
}

const blank = /^\s+$/u;

/**
 * Reads better: a lone space kept between two changes joins them ("[-Open][+Please open] file" rather than
 * "[-Open][+Please] [+open ]file"), and each run of changes shows what went before what came.
 */
function tidy(parts: readonly DiffPart[]): DiffPart[] {
  const result: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = (): void => {
    if (removed !== '') result.push({ kind: 'removed', text: removed });
    if (added !== '') result.push({ kind: 'added', text: added });
    removed = '';
    added = '';
  };
  parts.forEach((part, index) => {
    const between = part.kind === 'same' && blank.test(part.text) && index > 0 && index < parts.length - 1 && (removed !== '' || added !== '') && parts[index + 1]?.kind !== 'same';
    if (part.kind === 'same' && !between) {
      flush();
      push(result, 'same', part.text);
    } else if (between) {
      removed += part.text;
      added += part.text;
    } else if (part.kind === 'removed') removed += part.text;
    else added += part.text;
  });
  flush();
  return result;
}
