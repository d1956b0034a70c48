/**
 * Finds the machine-readable parts of a translation: placeholders of every common format, HTML/XML tags, web
 * addresses and e-mail addresses. Each is a span of the text; later checks compare them with the source, and blank
 * them out before looking at the human text (so `%1$s` is no number and `<a href="…">` holds no quotes).
 *
 * Speed matters (a project scan runs this over a million texts), so every pattern runs only when a cheap look at
 * the text says it could match, and the patterns avoid backtracking over ordinary words.
 */
import { matchesOf } from './matches';

/** Placeholder formats told apart, because each has its own rule for what must match. */
export type PlaceholderFamily = 'printf' | 'universal' | 'named';

/** A placeholder found in a text. */
export interface Placeholder {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly family: PlaceholderFamily;
  /**
   * What must match the source: the spec for printf (`%s`, `%.2f`), `%1$s` for positional ones, the name in its
   * format's brackets for named ones (`%{name}`, `{{name}}`, `{name}`, `[%s:name]`).
   */
  readonly key: string;
  /** The 1-based argument number of a positional printf or universal placeholder; null when it has none. */
  readonly position: number | null;
  /** The printf conversion with its flags, width and precision (`s`, `.2f`); empty for named placeholders. */
  readonly spec: string;
}

/** A tag such as `<b>`, `</b>`, `<br/>` or `<0>` (rich-text components in react-intl and i18next). */
export interface Tag {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly kind: 'open' | 'close' | 'self';
}

/** A web or e-mail address. */
export interface Address {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Everything tokenised in one text, spans not overlapping (an address wins over a placeholder inside it). */
export interface TextTokens {
  readonly placeholders: readonly Placeholder[];
  readonly tags: readonly Tag[];
  readonly urls: readonly Address[];
  readonly emails: readonly Address[];
}

const urlPattern = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'“”‘’«»「」()]+(?:\([^\s<>"'()]*\)[^\s<>"'“”‘’«»「」()]*)*/giu;
const urlTrailing = /[.,;:!?。、，！？…]+$/u;
const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const tagPattern = /<(\/?)([A-Za-z][\w:.-]*|\d+)(?:\s[^<>]*)?\/?>/g;

/**
 * All placeholder formats in one pass, in this order of preference at a position:
 * 1-3 Lokalise universal `[%s]`, `[%1$s]`, `[%.2f:amount]` (position, spec, name);
 * `%%` (a literal percent sign, consumed so `%%d` is no placeholder);
 * 4 Ruby `%{name}`; 5 Ruby `%<name>s`; 6 i18next `{{name}}`, `{{- name}}`, `{{name, format}}`;
 * 7-8 printf `%s`, `%1$d`, `%-5.2lf`, `%@` (position, spec). The space flag (`% d`) is left out on purpose: "50% de
 * descuento" is Spanish, not a placeholder.
 */
const placeholderPattern =
  /\[%(?:(\d+)\$)?([-+0#]*\d*(?:\.\d+)?[a-zA-Z@])(?::([\p{L}\p{N}_.-]+))?\]|%%|%\{([\p{L}\p{N}_.-]+)\}|%<([\p{L}\p{N}_]+)>[-+0#]*\d*(?:\.\d+)?[a-zA-Z]|\{\{-?\s*([^{}]+?)\s*\}\}|%(?:(\d+)\$)?([-+0#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|z|j|t|q)?[diouxXeEfFgGaAcCsSpn@])/gu;

const letter = /\p{L}/u;
const digit = /\p{Nd}/u;

/** The element names HTML never closes. */
export const voidElements: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

function trimUrl(text: string): string {
  let trimmed = text.replace(urlTrailing, '');
  // A closing bracket belongs to the address only when the address opened one: "(see https://x.io/a)" ends at "a".
  while (trimmed.endsWith(')') && (trimmed.match(/\(/g)?.length ?? 0) < (trimmed.match(/\)/g)?.length ?? 0)) trimmed = trimmed.slice(0, -1);
  return trimmed;
}

function findUrls(text: string): Address[] {
  if (!text.includes('://') && !/www\./i.test(text)) return [];
  const found: Address[] = [];
  for (const match of matchesOf(urlPattern, text)) {
    const value = trimUrl(match[0]);
    if (value.length > 4) found.push({ text: value, start: match.index, end: match.index + value.length });
  }
  return found;
}

function findEmails(text: string): Address[] {
  if (!text.includes('@')) return [];
  return matchesOf(emailPattern, text).map((match) => ({ text: match[0], start: match.index, end: match.index + match[0].length }));
}

function findTags(text: string): Tag[] {
  if (!text.includes('<')) return [];
  const found: Tag[] = [];
  for (const match of matchesOf(tagPattern, text)) {
    // `%<name>s` is Ruby's named format, not a tag.
    if (text[match.index - 1] === '%') continue;
    const whole = match[0];
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    const kind = closing ? 'close' : whole.endsWith('/>') || voidElements.has(name) ? 'self' : 'open';
    found.push({ text: whole, start: match.index, end: match.index + whole.length, name, kind });
  }
  return found;
}

/** A printf match right after a digit and right before a letter is prose ("100%ige", "50%off"), not a placeholder. */
function isProse(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  if (!(before >= 0x30 && before <= 0x39) && !digit.test(text[start - 1] ?? '')) return false;
  const after = text.codePointAt(end);
  return after !== undefined && letter.test(String.fromCodePoint(after));
}

function placeholder(text: string, start: number, family: PlaceholderFamily, key: string, position: number | null, spec: string): Placeholder {
  return { text, start, end: start + text.length, family, key, position, spec };
}

function placeholderFrom(match: RegExpExecArray, text: string): Placeholder | null {
  const whole = match[0];
  const start = match.index;
  if (whole.charCodeAt(0) === 0x5b /* [ */) {
    const position = match[1] === undefined ? null : Number(match[1]);
    const spec = match[2] ?? '';
    if (match[3] !== undefined) return placeholder(whole, start, 'named', `[%${spec}:${match[3]}]`, null, '');
    return placeholder(whole, start, 'universal', position === null ? `[%${spec}]` : `[%${position}$${spec}]`, position, spec);
  }
  if (whole === '%%') return null;
  if (match[4] !== undefined) return placeholder(whole, start, 'named', `%{${match[4]}}`, null, '');
  if (match[5] !== undefined) return placeholder(whole, start, 'named', `%<${match[5]}>`, null, '');
  if (match[6] !== undefined) return placeholder(whole, start, 'named', `{{${(match[6].split(',')[0] ?? '').trim()}}}`, null, '');
  if (start > 0 && isProse(text, start, start + whole.length)) return null;
  const position = match[7] === undefined ? null : Number(match[7]);
  const spec = match[8] ?? '';
  return placeholder(whole, start, 'printf', position === null ? `%${spec}` : `%${position}$${spec}`, position, spec);
}

function findPlaceholders(text: string): Placeholder[] {
  if (!text.includes('%') && !text.includes('{{')) return [];
  const found: Placeholder[] = [];
  placeholderPattern.lastIndex = 0;
  for (let match = placeholderPattern.exec(text); match !== null; match = placeholderPattern.exec(text)) {
    const placeholder = placeholderFrom(match, text);
    if (placeholder !== null) found.push(placeholder);
  }
  return found;
}

/** Every token starts with or contains one of these; most UI texts have none, and then nothing else runs. */
const machineCharacters = /[%<{@:]|www\./i;
const noTokens: TextTokens = { placeholders: [], tags: [], urls: [], emails: [] };

function outside<T extends { start: number; end: number }>(items: T[], blockers: readonly { start: number; end: number }[]): T[] {
  if (blockers.length === 0 || items.length === 0) return items;
  return items.filter((item) => !blockers.some((blocker) => item.start < blocker.end && blocker.start < item.end));
}

/** Tokenises `text`. Addresses take precedence over tags and placeholders that overlap them (`%20` in a link). */
export function tokenize(text: string): TextTokens {
  if (!machineCharacters.test(text)) return noTokens;
  const urls = findUrls(text);
  const emails = outside(findEmails(text), urls);
  const addresses = urls.length === 0 ? emails : emails.length === 0 ? urls : [...urls, ...emails];
  const tags = outside(findTags(text), addresses);
  const placeholders = outside(outside(findPlaceholders(text), addresses), tags);
  return { placeholders, tags, urls, emails };
}

const icuArgumentPattern = /\{\s*([\p{L}\p{N}_]+)\s*(?:,[^{}]*)?\}/gu;

/**
 * ICU-style `{name}` arguments found by pattern, for texts the ICU parser cannot read (so source and target are
 * compared the same way). A `{` right after `%` or `{` belongs to Ruby or i18next and is skipped.
 */
export function findBraceArguments(text: string): Placeholder[] {
  if (!text.includes('{')) return [];
  const found: Placeholder[] = [];
  for (const match of matchesOf(icuArgumentPattern, text)) {
    const before = text[match.index - 1];
    if (before === '%' || before === '{' || text[match.index + match[0].length] === '}') continue;
    const name = match[1] ?? '';
    found.push(placeholder(match[0], match.index, 'named', `{${name}}`, null, ''));
  }
  return found;
}

/** True when a `{` could open an ICU argument: not Ruby's `%{`, not i18next's `{{`. Cheap enough to run always. */
export function mayBeIcu(text: string): boolean {
  let index = text.indexOf('{');
  while (index >= 0) {
    const before = text[index - 1];
    if (before !== '%' && before !== '{' && text[index + 1] !== '{') return true;
    index = text.indexOf('{', index + 1);
  }
  return false;
}
