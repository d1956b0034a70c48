/** The readers under the checks: numbers in any digit script, placeholder formats, tags, addresses, pairs. */
import { describe, expect, it } from 'vitest';
import { TextAnalysis } from './analysis';
import { countCharacters } from './characters';
import { readIcu } from './icu';
import { findNumbers } from './numbers';
import { findUnpairedBrackets, findUnpairedQuotes } from './symbols';
import { findBraceArguments, mayBeIcu, tokenize } from './tokens';

const values = (text: string): string[] => findNumbers(text).map((found) => found.value);

describe('findNumbers', () => {
  it.each([
    ['1,000', ['1000']],
    ['1.000', ['1000']],
    ['1 000 000', ['1000000']],
    ['10\u202f000', ['10000']],
    ['1,00,000', ['100000']],
    ['١٬٠٠٠', ['1000']],
    ['१,००,०००', ['100000']],
    ['۲۵', ['25']],
    ['３件', ['3']],
    ['1,000.50', ['1000', '50']],
    ['1.000,50', ['1000', '50']],
    ['1.5 or 1,5', ['1', '5', '1', '5']],
    ['31.12.2024 and 12/31/2024', ['31', '12', '2024', '12', '31', '2024']],
    ['007', ['7']],
    ['1, 2, 3', ['1', '2', '3']],
  ])('reads %s', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('keeps each number where it is in the text', () => {
    expect(findNumbers('Up to 1,000 files').map((found) => [found.text, found.start, found.end])).toEqual([['1,000', 6, 11]]);
  });
});

describe('tokenize', () => {
  it('tells the placeholder formats apart', () => {
    const { placeholders } = tokenize('%s %1$d %.2f %@ %% [%s] [%1$s] [%i:count] %{name} %<id>d {{user}} {{- html}} {{amount, currency}}');
    expect(placeholders.map((entry) => [entry.family, entry.key])).toEqual([
      ['printf', '%s'],
      ['printf', '%1$d'],
      ['printf', '%.2f'],
      ['printf', '%@'],
      ['universal', '[%s]'],
      ['universal', '[%1$s]'],
      ['named', '[%i:count]'],
      ['named', '%{name}'],
      ['named', '%<id>'],
      ['named', '{{user}}'],
      ['named', '{{html}}'],
      ['named', '{{amount}}'],
    ]);
  });

  it('leaves prose percent signs alone', () => {
    expect(tokenize('100%ige Sicherheit, 50% de descuento, 50 % off').placeholders).toEqual([]);
  });

  it('finds tags of each kind and addresses without their sentence punctuation', () => {
    const tokens = tokenize('<b>Hi</b><br/><0>x</0> see https://example.com/a_(b). or (https://example.com/c), mail a.b@example.co.uk.');
    expect(tokens.tags.map((tag) => [tag.name, tag.kind])).toEqual([
      ['b', 'open'],
      ['b', 'close'],
      ['br', 'self'],
      ['0', 'open'],
      ['0', 'close'],
    ]);
    expect(tokens.urls.map((url) => url.text)).toEqual(['https://example.com/a_(b)', 'https://example.com/c']);
    expect(tokens.emails.map((email) => email.text)).toEqual(['a.b@example.co.uk']);
  });

  it('does not read a placeholder inside an address', () => {
    expect(tokenize('https://example.com/a%20b%2F').placeholders).toEqual([]);
  });

  it('finds ICU-style arguments by pattern, not Ruby or i18next ones', () => {
    expect(findBraceArguments('{name} %{ruby} {{i18n}} {count, number}').map((entry) => entry.key)).toEqual(['{name}', '{count}']);
    expect([mayBeIcu('Hi {name}'), mayBeIcu('Hi %{name}'), mayBeIcu('Hi {{name}}'), mayBeIcu('Hi')]).toEqual([true, false, false, false]);
  });
});

describe('readIcu', () => {
  it('collects arguments, select cases and whether a plural shows its count', () => {
    const reading = readIcu('{gender, select, male {{name} has {n, plural, one {# file} other {files}}} other {x}} on {d, date, short}');
    if (!reading.ok) throw new Error(reading.problem.message);
    expect(reading.message.argumentNames).toEqual(['gender', 'name', 'n', 'd']);
    expect(reading.message.selectOptions.get('gender')).toEqual(['male', 'other']);
    expect(reading.message.pluralShowsCount.get('n')).toBe(false);
  });

  it('explains a syntax error and says where it is', () => {
    const reading = readIcu('Hi {name');
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problem.kind).toBe('EXPECT_ARGUMENT_CLOSING_BRACE');
    expect(reading.problem.message).toContain('}');
    expect(reading.problem.start).toBe(3);
  });
});

describe('TextAnalysis.plain', () => {
  it('blanks machine parts but keeps offsets', () => {
    const analysis = new TextAnalysis('<a href="x">%1$s</a> {n, plural, =0 {none} other {# more}}!');
    expect(analysis.plain).toHaveLength(analysis.text.length);
    expect(analysis.plain.replace(/\s+/g, ' ').trim()).toBe('none more !');
  });
});

describe('unpaired symbols', () => {
  it('pairs brackets of every script and reports the loose one', () => {
    expect(findUnpairedBrackets('（a）【b】「c」(d', true).map((symbol) => symbol.symbol)).toEqual(['(']);
    expect(findUnpairedBrackets('{a', false)).toEqual([]);
    expect(findUnpairedBrackets('Smile :) and ;-( or (: done', true)).toEqual([]);
  });

  it('pairs quotes the ways languages do', () => {
    for (const text of ['“a”', '„a“', '„a”', '”a”', '«a»', '»a«', '‹a›', '"a"', '‚a‘', '‘a’', 'l’été', "don't"]) expect(findUnpairedQuotes(text)).toEqual([]);
    expect(findUnpairedQuotes('„a').map((symbol) => symbol.symbol)).toEqual(['„']);
    expect(findUnpairedQuotes('«a').map((symbol) => symbol.symbol)).toEqual(['«']);
    expect(findUnpairedQuotes('‘a').map((symbol) => symbol.symbol)).toEqual(['‘']);
  });
});

describe('countCharacters', () => {
  it('counts code points of the NFC form', () => {
    expect(countCharacters('e\u0301')).toBe(1);
    expect(countCharacters('😀')).toBe(1);
    expect(countCharacters('👩‍💻')).toBe(3);
    expect(countCharacters('क्षि')).toBe(4);
  });
});
