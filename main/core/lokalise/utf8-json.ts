/**
 * Parses a large JSON answer from its UTF-8 bytes for less CPU than decoding the bytes to text first, with exactly
 * the result `JSON.parse(new TextDecoder().decode(bytes))` gives (byte-order mark dropped, malformed bytes as U+FFFD).
 *
 * Why: a full sync parses a 2.5 MB page of keys per 500 keys on the library's writing thread, and decoding it as
 * UTF-8 was the largest single cost there (issue 17): one page with a few per cent of non-ASCII bytes took ~25 ms of
 * CPU to decode and parse, the decoding most of it, since one character above U+00FF turns the whole 2.5 MB text
 * into a two-byte string. Read as Latin-1 instead (one byte, one character: a copy), the text parses in ~5 ms, and
 * only the strings holding bytes above 0x7F are decoded afterwards, each on its own: ~9 ms in all.
 *
 * Why this is exact: every byte of JSON's structure (brackets, quotes, commas, digits, `true`…) is ASCII, and UTF-8
 * never uses a byte below 0x80 inside a multi-byte character, so every non-ASCII byte sits inside a string (or the
 * text is not JSON either way), and a string's bytes decode alone as they would within the whole text (a malformed
 * sequence cannot reach past the ASCII quote that ends it). The one thing Latin-1 reading cannot tell apart is a
 * character written as an escape: `\u00e9` parses to the same character as the raw byte 0xE9, and only the raw
 * byte must be decoded. So a text holding a `\u` escape of anything beyond ASCII takes the plain route, as does one
 * the Latin-1 route cannot parse (the plain route then gives its result, or its error).
 */
import { Buffer } from 'node:buffer';

const utf8 = new TextDecoder();

/** A character from a byte above 0x7F, in Latin-1 read text. */
const highByte = /[\u0080-\u00ff]/;

/** A `\u` escape of a character beyond ASCII (or an escaped backslash before a `u`, which is harmless but rare). */
const wideEscape = /\\u(?!00[0-7])/g;

/** True when `text` holds a wideEscape; a plain search first, ten times faster than the pattern over a whole page. */
function hasWideEscape(text: string): boolean {
  const first = text.indexOf('\\u');
  if (first === -1) return false;
  wideEscape.lastIndex = first;
  return wideEscape.test(text);
}

/** The bytes without a leading UTF-8 byte-order mark, as TextDecoder drops it. */
function withoutMark(bytes: Uint8Array): Uint8Array {
  return bytes.byteLength >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** A Latin-1 read string as UTF-8 decoding would have read its bytes. */
function decoded(text: string): string {
  return utf8.decode(Buffer.from(text, 'latin1'));
}

/** Nesting deeper than this takes the plain route rather than recursing further (no Lokalise answer comes close). */
const deepest = 200;

/**
 * `value` (parsed from Latin-1 read text) with every string in it, keys included, decoded: arrays and objects are
 * changed in place, except an object with a key to decode, which is rebuilt (same order; a later duplicate wins,
 * as in JSON.parse; `__proto__` stays an own property, as Object.fromEntries and JSON.parse both define it).
 */
function decodeStrings(value: object, depth: number): object {
  if (depth > deepest) throw new RangeError('nested too deep for the Latin-1 route');
  if (Array.isArray(value)) {
    const list = value as unknown[];
    for (let index = 0; index < list.length; index += 1) {
      const item = list[index];
      if (typeof item === 'string') {
        if (highByte.test(item)) list[index] = decoded(item);
      } else if (typeof item === 'object' && item !== null) list[index] = decodeStrings(item, depth + 1);
    }
    return list;
  }
  const record = value as Record<string, unknown>;
  let keyToDecode = false;
  for (const key in record) {
    const item = record[key];
    let changed = item;
    if (typeof item === 'string') {
      if (highByte.test(item)) changed = decoded(item);
    } else if (typeof item === 'object' && item !== null) changed = decodeStrings(item, depth + 1);
    if (changed === item) {
      // Unchanged.
    } else if (key === '__proto__') Object.defineProperty(record, key, { value: changed, writable: true, enumerable: true, configurable: true });
    else record[key] = changed;
    if (!keyToDecode && highByte.test(key)) keyToDecode = true;
  }
  return keyToDecode ? Object.fromEntries(Object.keys(record).map((key) => [highByte.test(key) ? decoded(key) : key, record[key]])) : record;
}

/**
 * `JSON.parse(new TextDecoder().decode(bytes))`, for less CPU on a large answer (see the module comment). Throws
 * what that would throw when the bytes are not JSON.
 */
export function parseUtf8Json(bytes: Uint8Array): unknown {
  const body = withoutMark(bytes);
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  if (!hasWideEscape(text)) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'string') return highByte.test(parsed) ? decoded(parsed) : parsed;
      return typeof parsed === 'object' && parsed !== null ? decodeStrings(parsed, 0) : parsed;
    } catch {
      // Not JSON (the plain route then throws JSON.parse's own error), or nested past `deepest`.
    }
  }
  return JSON.parse(utf8.decode(bytes));
}
