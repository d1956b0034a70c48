/**
 * Human formats for times and counts, in the user's locale.
 */

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "yesterday", "just now". */
export function relativeTime(epochMs: number, now: number = Date.now()): string {
  const difference = epochMs - now;
  for (const [unit, size] of units) {
    if (Math.abs(difference) >= size) return relative.format(Math.round(difference / size), unit);
  }
  return 'just now';
}

/** The full date and time, for tooltips. */
export function exactTime(epochMs: number): string {
  return exact.format(new Date(epochMs));
}

/**
 * Made once, when the window loads: the first number a page formats otherwise builds ICU's number formatter then
 * (2-3 ms in a trace of the grid's first rows, 30 ms in Node), inside the frame the translator is waiting for.
 */
const englishNumbers = new Intl.NumberFormat('en-US');

/** A whole number as the English sentences around it write it ("1,898"), whatever the system's locale. */
export function englishNumber(value: number): string {
  return englishNumbers.format(value);
}

/** A count with grouping, and a noun in singular or plural. */
export function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${value.toLocaleString()} ${value === 1 ? singular : plural}`;
}
