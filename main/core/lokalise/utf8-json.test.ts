import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/support/seeded-random';
import { parseUtf8Json } from './utf8-json';

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** What parseUtf8Json must always equal: the plain decode-then-parse. */
function plain(bytes: Uint8Array): unknown {
  return JSON.parse(utf8.decode(bytes));
}

/** Equal as JSON.parse results: same text when stringified (own keys in order, `__proto__` included), same prototypes. */
function expectSame(bytes: Uint8Array): void {
  const expected = plain(bytes);
  const actual = parseUtf8Json(bytes);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  expect(actual).toEqual(expected);
}

function bytesOf(...parts: (string | number[])[]): Uint8Array {
  const chunks = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : Uint8Array.from(part)));
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

const alphabet = ['a', 'Z', ' ', '"', '\\', '/', '\n', 'é', 'Ä', 'ÿ', '\u0080', '\u009f', 'ß', '設', '定', 'ё', '€', 'ا', '😀', '\u00a0', '{', '}', '%s', '<b>'];

function randomString(next: () => number): string {
  const length = Math.floor(next() * 12);
  let text = '';
  for (let index = 0; index < length; index += 1) text += alphabet[Math.floor(next() * alphabet.length)] ?? '';
  return text;
}

function randomValue(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 3 ? 4 : 6));
  if (kind === 0) return randomString(next);
  if (kind === 1) return Math.floor(next() * 1e6) / 100;
  if (kind === 2) return next() < 0.5;
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const record: Record<string, unknown> = {};
  for (let count = Math.floor(next() * 5); count > 0; count -= 1) record[next() < 0.5 ? randomString(next) : 'key_name'] = randomValue(next, depth + 1);
  return record;
}

describe('parseUtf8Json reads exactly what decoding then parsing reads', () => {
  it('agrees on generated answers mixing ASCII, Latin-1 range, CJK, astral characters, in values and in keys', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const next = seededRandom(seed);
      const value = Array.from({ length: 6 }, () => randomValue(next, 0));
      expectSame(encoder.encode(JSON.stringify(value)));
    }
  });

  it('decodes a key page as Lokalise writes it: raw UTF-8 in values, key names and plural JSON inside strings', () => {
    const page = {
      project_id: 'p',
      keys: [
        {
          key_id: 1,
          key_name: { ios: 'größe', android: 'size', web: 'größe', other: '' },
          custom_attributes: { 'Prüfer': 'ja', plain: 'x' },
          translations: [
            { language_iso: 'de', translation: 'Größe ändern – “ok”' },
            { language_iso: 'ja', translation: '設定を保存 😀' },
            { language_iso: 'ru', translation: '{"one":"файл","other":"файлов"}' },
          ],
        },
      ],
    };
    const bytes = encoder.encode(JSON.stringify(page));
    expectSame(bytes);
    expect(parseUtf8Json(bytes)).toEqual(page);
  });

  it('keeps a byte-order mark, blanks around the JSON and a lone string or number as the plain route does', () => {
    expectSame(bytesOf([0xef, 0xbb, 0xbf], ' \n{"a":"é"}\n '));
    expectSame(bytesOf('"Übersetzung"'));
    expectSame(bytesOf('42'));
    expectSame(bytesOf('[]'));
  });

  it('reads escapes as escapes: \\u00e9 is é written out, never a byte to decode again', () => {
    expectSame(bytesOf('{"a":"\\u00e9","b":"é","c":"\\u00c3\\u00a9"}'));
    expect(parseUtf8Json(bytesOf('{"a":"\\u00c3\\u00a9"}'))).toEqual({ a: 'Ã©' });
    expectSame(bytesOf('{"a":"\\u0041 \\u007f \\ud83d\\ude00","\\u00e4":"ä"}'));
    expectSame(bytesOf('{"path":"a\\\\u00e9","x":"é"}'));
  });

  it('turns malformed bytes into U+FFFD exactly as TextDecoder does, in values and keys', () => {
    expectSame(bytesOf('{"a":"', [0xe2, 0x82], '","b":"', [0xff, 0xfe, 0x41], '","', [0xc3], '":"', [0xf0, 0x9f, 0x98], '"}'));
    expectSame(bytesOf('["', [0xed, 0xa0, 0x80], '", "', [0xc0, 0xaf], '", "ok ', [0xe6, 0x97, 0xa5], '"]'));
  });

  it('keeps a __proto__ key an own property, with its value decoded', () => {
    const bytes = bytesOf('{"__proto__":"größe","x":{"__proto__":{"é":1}}}');
    expectSame(bytes);
    const parsed = parseUtf8Json(bytes) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toBe('größe');
  });

  it('lets a later duplicate key win, also when only decoding makes two keys the same', () => {
    expectSame(bytesOf('{"é":1,"a":2,"é":3}'));
    expectSame(bytesOf('{"', [0xff], '":1,"', [0xfe], '":2}'));
  });

  it('reads answers nested past its own depth limit', () => {
    const deep = `${'['.repeat(500)}"é"${']'.repeat(500)}`;
    expectSame(bytesOf(deep));
  });

  it('throws what the plain route throws for text that is not JSON', () => {
    for (const text of ['{"a":', '{"a":"é"', '', 'é', '{"a":1}x']) {
      const bytes = bytesOf(text);
      expect(() => plain(bytes)).toThrow(SyntaxError);
      expect(() => parseUtf8Json(bytes)).toThrow(SyntaxError);
    }
  });
});
