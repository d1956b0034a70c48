/**
 * The plain check must never let through what the contract's zod schema refuses or would change: on a rich key page
 * and on every single-field mutation of it (unknown keys, missing keys, wrong types, out-of-range numbers), "passes
 * as it is" implies zod accepts it and answers an equal value; and schema parts it cannot judge make it step aside.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KeyPageSchema, listCalls, type KeyPage } from '../../common/contract';
import { plainCheck, type PlainCheck } from './plain-check';

const cell = { languageIso: 'de', value: 'Hallo {name}', pluralForms: null, isEmpty: false, isReviewed: true, isUnverified: false, modifiedAt: 1_700_000_000_000 };
const page: KeyPage = {
  total: 12,
  offset: 0,
  items: [
    {
      keyId: 7,
      name: 'greeting',
      description: '',
      isPlural: false,
      isArchived: false,
      isHidden: false,
      tags: ['ui'],
      platforms: ['web', 'ios'],
      charLimit: 0,
      modifiedAt: null,
      translations: [
        { ...cell, languageIso: 'en', value: 'Hello {name}', modifiedAt: null },
        {
          ...cell,
          qa: [{ checkId: 'placeholders', severity: 'error', message: 'A placeholder is missing.', form: null, range: { start: 6, end: 12 } }],
          edit: { editId: 41, state: 'pending', value: 'Hallo  {name}', pluralForms: null, isReviewed: null, isUnverified: true },
        },
      ],
    },
    {
      keyId: 8,
      name: 'items',
      description: 'a count',
      isPlural: true,
      isArchived: true,
      isHidden: false,
      tags: [],
      platforms: [],
      charLimit: 20,
      modifiedAt: 1_700_000_000_001,
      translations: [{ ...cell, value: '', pluralForms: { one: 'ein Ding', other: '{n} Dinge' }, isEmpty: false, edit: null }],
    },
  ],
  partial: { searchedKeys: 40, totalKeys: 100 },
  cursor: { generation: 3, offset: 1, position: 2, total: 12 },
};

const pageCheck = plainCheck(KeyPageSchema) as PlainCheck;

/** Every path to a value inside `value` (objects' keys and arrays' indexes), the root first. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const found = [at];
  if (Array.isArray(value)) value.forEach((entry, index) => found.push(...paths(entry, [...at, index])));
  else if (typeof value === 'object' && value !== null) for (const [name, entry] of Object.entries(value)) found.push(...paths(entry, [...at, name]));
  return found;
}

function parentAt(root: unknown, path: readonly (string | number)[]): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  return node;
}

/** Copies of the page, each with one change: a replaced value, a removed key, or an added unknown key. */
function mutations(): { label: string; value: unknown }[] {
  const replacements: unknown[] = [undefined, null, '', 'x', 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, true, {}, [], [1], new Date(0), { token: 'secret' }];
  const found: { label: string; value: unknown }[] = [];
  for (const path of paths(page).slice(1)) {
    const last = path.at(-1) as string | number;
    for (const replacement of replacements) {
      const copy = structuredClone(page) as unknown;
      parentAt(copy, path)[last] = replacement;
      found.push({ label: `${path.join('.')} = ${String(replacement)}`, value: copy });
    }
    if (typeof last === 'string') {
      const copy = structuredClone(page) as unknown;
      Reflect.deleteProperty(parentAt(copy, path), last);
      found.push({ label: `without ${path.join('.')}`, value: copy });
    }
  }
  for (const path of paths(page)) {
    const copy = structuredClone(page) as unknown;
    const node = path.length === 0 ? copy : parentAt(copy, path)[path.at(-1) as string | number];
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    (node as Record<string, unknown>).accessToken = 'secret';
    found.push({ label: `extra key at ${path.join('.')}`, value: copy });
  }
  return found;
}

describe('plainCheck', () => {
  it('passes a valid key page that zod answers unchanged', () => {
    expect(pageCheck(page)).toBe(true);
    expect(KeyPageSchema.parse(page)).toEqual(page);
  });

  it('never passes a changed page that zod refuses or would answer differently', () => {
    const changed = mutations();
    let refusedByBoth = 0;
    for (const { label, value } of changed) {
      const parsed = KeyPageSchema.safeParse(value);
      if (pageCheck(value)) {
        expect(parsed.success, label).toBe(true);
        expect(parsed.data, label).toEqual(value);
      } else if (!parsed.success) refusedByBoth += 1;
    }
    // Most changes break the contract, and each of those is refused by the plain check itself.
    expect(changed.length).toBeGreaterThan(500);
    expect(refusedByBoth).toBeGreaterThan(changed.length / 2);
  });

  it('refuses values that are not plain data, and unknown keys even where zod would strip them', () => {
    class Row {
      public readonly name = 'x';
    }
    const stripping = plainCheck(z.object({ name: z.string() })) as PlainCheck;
    expect(stripping({ name: 'x' })).toBe(true);
    expect(stripping(new Row())).toBe(false);
    expect(stripping({ name: 'x', refreshToken: 'y' })).toBe(false);
    expect(plainCheck(z.record(z.string(), z.number()))?.({ [Symbol('s')]: 1 })).toBe(false);
  });

  it('checks lengths, patterns and bounds as zod does', () => {
    const code = plainCheck(z.string().min(2).max(4).regex(/^[a-z]+$/)) as PlainCheck;
    expect(['ab', 'abcd', 'a', 'abcde', 'AB', 3].map((value) => code(value))).toEqual([true, true, false, false, false, false]);
    const count = plainCheck(z.number().int().min(1).lt(10)) as PlainCheck;
    expect([1, 9, 0, 10, 2.5, '3'].map((value) => count(value))).toEqual([true, true, false, false, false, false]);
    const integer = plainCheck(z.int()) as PlainCheck;
    expect([2, 1.5].map((value) => integer(value))).toEqual([true, false]);
    const positive = plainCheck(z.number().positive().lt(10)) as PlainCheck;
    expect([0.5, 9.99, 0, 10, -1].map((value) => positive(value))).toEqual([true, true, false, false, false]);
    const three = plainCheck(z.string().length(3)) as PlainCheck;
    expect(['abc', 'ab', 'abcd'].map((value) => three(value))).toEqual([true, false, false]);
    const number = plainCheck(z.number()) as PlainCheck;
    expect([1.5, -2, Number.NaN, Number.POSITIVE_INFINITY, null].map((value) => number(value))).toEqual([true, true, false, false, false]);
    const list = plainCheck(z.array(z.enum(['a', 'b'])).max(2)) as PlainCheck;
    expect([['a'], ['a', 'b'], ['a', 'b', 'a'], ['c']].map((value) => list(value))).toEqual([true, true, false, false]);
    const some = plainCheck(z.array(z.string()).min(1)) as PlainCheck;
    expect([[], ['a']].map((value) => some(value))).toEqual([false, true]);
    // Keys in another order than the schema's are still known keys.
    const pair = plainCheck(z.object({ a: z.string(), b: z.number() }).strict()) as PlainCheck;
    expect([{ b: 1, a: 'x' }, { a: 'x', b: 1, c: 2 }, { a: 'x', c: 2 }].map((value) => pair(value))).toEqual([true, false, false]);
  });

  it('steps aside for schema parts it cannot judge, so zod parses those', () => {
    const unknownParts = [
      z.string().default('x'),
      z.string().transform((value) => value.length),
      z.string().refine((value) => value !== 'no'),
      z.email(),
      z.uuid(),
      z.int32(),
      z.string().trim(),
      z.looseObject({ name: z.string() }),
      z.object({ name: z.string() }).catchall(z.string()),
      z.tuple([z.string()]),
      z.object({ when: z.date() }).strict(),
    ];
    for (const schema of unknownParts) expect(plainCheck(schema)).toBeNull();
  });

  it('covers the results of the calls the grid makes over and over', () => {
    const covered = new Set(listCalls().filter((call) => plainCheck(call.spec.result) !== null).map((call) => call.spec.channel));
    for (const channel of ['keys:page', 'keys:detail', 'projects:list', 'edits:commit', 'qa:status']) expect(covered, channel).toContain(channel);
  });
});
