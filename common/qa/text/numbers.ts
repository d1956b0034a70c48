/**
 * Finds the numbers in human text and reduces each to its digits in ASCII, so a source and a translation compare
 * equal when they write the same number their own way: `1,000` / `1.000` / `1 000` / `١٬٠٠٠` / `१,०००` all read as
 * 1000, and `1.5` / `1,5` both read as the parts 1 and 5 (a decimal separator cannot be told from a thousands
 * separator without knowing the writer's habit, so digits either side of one are compared as separate numbers).
 */
import { matchesOf } from './matches';

/** A number found in a text. */
export interface FoundNumber {
  /** The digits in ASCII without leading zeros (`"1000"`). */
  readonly value: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The zero of every decimal digit block in the Basic Multilingual Plane (Unicode `Nd`), for reading any script. */
const digitZeros = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090,
  0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0,
  0xff10,
];

/** Characters that join digit groups or a fraction: `,` `.` spaces (normal, no-break, narrow, thin), `'` `’`, Arabic `٬` `٫`. */
const separators = new Set([',', '.', ' ', '\u00a0', '\u202f', '\u2009', "'", '’', '\u066b', '\u066c']);

const digitRun = /\p{Nd}+/gu;
const nonAsciiDigit = /[^0-9]/;

function asciiDigits(run: string): string {
  if (!nonAsciiDigit.test(run)) return run;
  let digits = '';
  for (const character of run) {
    const code = character.codePointAt(0) ?? 0;
    const zero = digitZeros.find((candidate) => code >= candidate && code <= candidate + 9);
    digits += zero === undefined ? character : String(code - zero);
  }
  return digits;
}

interface Run {
  readonly digits: string;
  readonly start: number;
  readonly end: number;
}

/** How many runs after `first` continue its number as thousands groups (`1,000,000`) or Indian groups (`1,00,000`). */
function groupedRuns(runs: readonly Run[], first: number, text: string): number {
  const head = runs[first];
  if (head === undefined || head.digits.length > 3) return 0;
  const separatorAfter = (index: number): string | null => {
    const run = runs[index];
    const next = runs[index + 1];
    return run !== undefined && next !== undefined && next.start === run.end + 1 ? (text[run.end] ?? null) : null;
  };
  const groupSeparator = separatorAfter(first);
  if (groupSeparator === null || !separators.has(groupSeparator)) return 0;
  let western = 0;
  while (separatorAfter(first + western) === groupSeparator && runs[first + western + 1]?.digits.length === 3) western += 1;
  if (western > 0) return western;
  let indian = 0;
  while (separatorAfter(first + indian) === groupSeparator && runs[first + indian + 1]?.digits.length === 2) indian += 1;
  return indian > 0 && separatorAfter(first + indian) === groupSeparator && runs[first + indian + 1]?.digits.length === 3 ? indian + 1 : 0;
}

/** The numbers in `text` (placeholders and other machine parts should already be blanked out). */
export function findNumbers(text: string): FoundNumber[] {
  const runs: Run[] = [];
  for (const match of matchesOf(digitRun, text)) runs.push({ digits: asciiDigits(match[0]), start: match.index, end: match.index + match[0].length });
  if (runs.length === 0) return [];
  const numbers: FoundNumber[] = [];
  for (let index = 0; index < runs.length; ) {
    const extra = groupedRuns(runs, index, text);
    const first = runs[index];
    const last = runs[index + extra];
    if (first === undefined || last === undefined) break;
    const digits = runs.slice(index, index + extra + 1).map((run) => run.digits).join('');
    numbers.push({ value: digits.replace(/^0+(?=\d)/, ''), text: text.slice(first.start, last.end), start: first.start, end: last.end });
    index += extra + 1;
  }
  return numbers;
}
