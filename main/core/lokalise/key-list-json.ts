/**
 * Parses the `keys` list of a key page's UTF-8 bytes one key at a time, with exactly the list
 * `JSON.parse(new TextDecoder().decode(bytes)).keys` gives, or answers null when the page is not in the shape this
 * route needs (the caller then parses the whole page).
 *
 * Why (issue 17): a page of 500 keys is 2.5 MB. Read whole, its text is one 2.5 MB string, which V8 places outside
 * its reusable heap, in memory fresh from the system for every page; on the machine the bench runs on (a virtual one,
 * about 12 µs a fresh 4 KB page), copying the bytes into it was 43% of the syncing process's page faults, some 100,000
 * per sync of 100,000 keys × 10 languages. One key's text is about 5 KB: it lands in the young generation, whose
 * memory is reused from page to page.
 *
 * Why the split is exact: the list's items are found by the bytes `,{"key_id":`, Lokalise's field order for a key.
 * A raw `"` never occurs inside a JSON string (it is written `\"` there), so those bytes always begin an object whose
 * first member is `key_id` and which is an item of some list. If that list is not the page's `keys` (a translation
 * written with `key_id` first), the piece before it is cut inside its key and cannot parse, and the whole page is
 * parsed instead. Every piece that parses is one complete JSON value, so the pieces, joined by the commas between
 * them, are the list; and the text before and after the list is checked to be the rest of one top-level object. Each
 * piece is cut at ASCII bytes, so it decodes alone as it would within the page (see utf8-json.ts).
 */
import { Buffer } from 'node:buffer';
import { parseUtf8Json } from './utf8-json';

/** The member that holds the list, and what begins each item after the first. */
const listMember = Buffer.from('"keys":[', 'latin1');
const nextItem = Buffer.from(',{"key_id":', 'latin1');
const closingBracket = 0x5d;

/** The envelope before the list is a few members (`project_id`, `branch`); anything longer takes the plain route. */
const longestHead = 64 * 1024;

/** JSON's whitespace bytes. */
function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** True when `text` is the start of a top-level object up to a member's name: `{`, then whole members, each followed by a comma. */
function isObjectHead(text: string): boolean {
  const trimmed = text.trimEnd();
  const closed = trimmed.endsWith(',') ? `${trimmed.slice(0, -1)}}` : `${trimmed}}`;
  try {
    const head: unknown = JSON.parse(closed);
    return typeof head === 'object' && head !== null && !Array.isArray(head);
  } catch {
    return false;
  }
}

/** True when `text` is the end of that object after the list: `}`, or more members (none of them `keys`) and `}`. */
function isObjectTail(text: string): boolean {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith(',')) return /^}\s*$/.test(trimmed);
  try {
    const tail: unknown = JSON.parse(`{${trimmed.slice(1)}`);
    return typeof tail === 'object' && tail !== null && !Array.isArray(tail) && !Object.hasOwn(tail, 'keys');
  } catch {
    return false;
  }
}

/**
 * The `keys` list of a key page, parsed key by key (see the module comment); null when the bytes are not a page of
 * the expected shape, including when they are not JSON at all.
 */
export function parseKeyList(bytes: Uint8Array): unknown[] | null {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const member = body.indexOf(listMember);
  if (member === -1 || member > longestHead || !isObjectHead(body.toString('latin1', 0, member))) return null;
  const first = member + listMember.byteLength;
  const close = body.lastIndexOf(closingBracket);
  if (close < first || !isObjectTail(body.toString('latin1', close + 1))) return null;
  const keys: unknown[] = [];
  let start = first;
  while (start < close && isSpace(body[start] ?? 0)) start += 1;
  while (start < close) {
    const found = body.indexOf(nextItem, start);
    const end = found === -1 || found > close ? close : found;
    try {
      keys.push(parseUtf8Json(body.subarray(start, end)));
    } catch {
      return null;
    }
    start = end + 1;
  }
  return keys;
}
