import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/support/seeded-random';
import { parseKeyList } from './key-list-json';
import { readKeyPage } from './wire';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The list the plain route reads: what parseKeyList must equal whenever it answers. */
function plainKeys(bytes: Uint8Array): unknown {
  return (JSON.parse(decoder.decode(bytes)) as { keys: unknown }).keys;
}

/** Texts that look like the split's markers, or need decoding, or both. */
const tricky = ['Save', 'Einstellungen gespeichert', '設定が更新されました', 'مرحبا', '😀 done', ',{"key_id":7}', '"keys":[1]', '],"keys":[', 'back\\slash', 'line\nbreak', 'ÿ\u0080é', '{"key_id":'];

function translation(random: () => number, keyId: number, keyIdFirst: boolean): Record<string, unknown> {
  const value = tricky[Math.floor(random() * tricky.length)] ?? '';
  const rest = { language_iso: random() < 0.5 ? 'de' : 'ja', translation: value, modified_at_timestamp: Math.floor(random() * 1e9), is_reviewed: random() < 0.5 };
  return keyIdFirst ? { key_id: keyId, translation_id: keyId * 10, ...rest } : { translation_id: keyId * 10, key_id: keyId, ...rest };
}

function key(random: () => number, keyId: number, keyIdFirstInTranslations: boolean): Record<string, unknown> {
  const name = tricky[Math.floor(random() * tricky.length)] ?? '';
  return {
    key_id: keyId,
    key_name: { ios: name, android: `${name}_a`, web: name, other: name },
    description: random() < 0.3 ? '' : (tricky[Math.floor(random() * tricky.length)] ?? ''),
    tags: random() < 0.5 ? [] : ['a', 'b'],
    translations: Array.from({ length: Math.floor(random() * 4) }, () => translation(random, keyId, keyIdFirstInTranslations)),
  };
}

function page(keys: unknown[], extra: Record<string, unknown> = {}, indent?: number): Uint8Array {
  return encoder.encode(JSON.stringify({ project_id: '1.2', branch: 'main', keys, ...extra }, null, indent));
}

describe('parseKeyList', () => {
  it('reads a page in Lokalise’s shape key by key, exactly as the plain route', () => {
    const random = seededRandom(1);
    const bytes = page(Array.from({ length: 200 }, (_, index) => key(random, index + 1, false)));
    const keys = parseKeyList(bytes);
    expect(keys).not.toBeNull();
    expect(keys).toHaveLength(200);
    expect(keys).toEqual(plainKeys(bytes));
  });

  it('reads an empty list, and a list of one', () => {
    expect(parseKeyList(page([]))).toEqual([]);
    expect(parseKeyList(encoder.encode('{"project_id":"1.2","keys":[ ]}'))).toEqual([]);
    const one = page([key(seededRandom(2), 5, false)]);
    expect(parseKeyList(one)).toEqual(plainKeys(one));
  });

  it('decodes a key holding a \\u escape beyond ASCII on the plain route, and its neighbours on the fast one', () => {
    const text = '{"project_id":"1","keys":[{"key_id":1,"v":"caf\\u00e9 é"},{"key_id":2,"v":"\u8a2d\u5b9a"},{"key_id":3,"v":"\\ud83d\\ude00"}]}';
    const bytes = encoder.encode(text);
    expect(parseKeyList(bytes)).toEqual(plainKeys(bytes));
    expect(parseKeyList(bytes)).toEqual([
      { key_id: 1, v: 'café é' },
      { key_id: 2, v: '設定' },
      { key_id: 3, v: '😀' },
    ]);
  });

  it('answers null, for the whole page to be read, where a translation after another starts with key_id', () => {
    const random = seededRandom(3);
    const bytes = page(Array.from({ length: 20 }, (_, index) => key(random, index + 1, true)).map((entry) => ({ ...entry, translations: [translation(random, 1, true), translation(random, 1, true)] })));
    expect(parseKeyList(bytes)).toBeNull();
    expect(readKeyPage({ unparsed: bytes, what: 'the keys' }).map((entry) => entry.keyId)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it('answers null for text that is not a whole page, and for shapes it does not read', () => {
    const whole = page([key(seededRandom(4), 1, false), key(seededRandom(5), 2, false)]);
    const cases = [
      whole.subarray(0, whole.byteLength - 1),
      whole.subarray(0, whole.byteLength - 3),
      encoder.encode('{"keys":[{"key_id":1},{"key_id":2}'),
      encoder.encode('{"keys":[{"key_id":1}],"keys":[{"key_id":9}]}'),
      // A later `keys` member that is not a list: the plain route's last member wins.
      encoder.encode('{"keys":[{"key_id":1}],"keys":"x"}'),
      // Text before the list that is not the start of an object, with a list and an end that would parse.
      encoder.encode('not json "keys":[{"key_id":1}]}'),
      encoder.encode('["keys":[{"key_id":1}]]'),
      encoder.encode('{"a":{"keys":[{"key_id":1}]}}'),
      encoder.encode('{"a":"x\\"keys\\":[","b":1}'),
      encoder.encode('{"keys":{"key_id":1}}'),
      encoder.encode('not json'),
      new Uint8Array(),
    ];
    for (const bytes of cases) expect(parseKeyList(bytes)).toBeNull();
  });

  it('equals the plain route on every random page it answers, and answers the usual ones', () => {
    let answered = 0;
    for (let seed = 10; seed < 90; seed += 1) {
      const random = seededRandom(seed);
      const keys = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, index) => key(random, index + 1, random() < 0.1));
      const extra = random() < 0.3 ? { more: [1, [2]], note: '],"keys":[' } : {};
      const indent = random() < 0.2 ? 2 : undefined;
      const bytes = page(keys, extra, indent);
      const listed = parseKeyList(bytes);
      if (listed !== null) {
        answered += 1;
        expect(listed, `seed ${String(seed)}`).toEqual(plainKeys(bytes));
      }
    }
    // Most pages are compact, keys last, translations not key_id first: those must take the fast route.
    expect(answered).toBeGreaterThan(30);
  });
});

describe('readKeyPage on bytes', () => {
  it('reads the same keys from bytes as from text', () => {
    const random = seededRandom(7);
    const bytes = page(
      Array.from({ length: 30 }, (_, index) => ({
        key_id: index + 1,
        key_name: { ios: `k${String(index)}`, android: `k${String(index)}`, web: `k${String(index)}`, other: `k${String(index)}` },
        description: tricky[index % tricky.length],
        platforms: ['web'],
        tags: [],
        is_plural: false,
        is_hidden: false,
        is_archived: false,
        translations: [{ translation_id: index, key_id: index + 1, language_iso: 'de', translation: tricky[Math.floor(random() * tricky.length)], is_reviewed: false, is_unverified: false }],
      })),
    );
    const fromBytes = readKeyPage({ unparsed: bytes, what: 'the keys' });
    expect(fromBytes).toHaveLength(30);
    expect(fromBytes).toEqual(readKeyPage({ unparsed: decoder.decode(bytes), what: 'the keys' }));
  });
});
