import { describe, expect, it } from 'vitest';
import { difference, guardChange, insertToken } from './token-guard';
import { distinctTokens, findTokens } from './tokens';

/** Types into `before` as a textarea would: `after` is the new text, `caret` where the caret ends. */
function edit(before: string, after: string, caret: number): { text: string; caret: number; adjusted: boolean } {
  return guardChange(before, after, caret, findTokens(before));
}

describe('findTokens', () => {
  it('finds printf, universal, Ruby, i18next, ICU arguments and tags, in order', () => {
    const text = 'Hi %1$s, [%s:name] has %{count} {{item}} in {place} <b>now</b> %d';
    expect(findTokens(text).map((token) => token.text)).toEqual(['%1$s', '[%s:name]', '%{count}', '{{item}}', '{place}', '<b>', '</b>', '%d']);
  });

  it('does not take an ICU plural for one token, nor a percent sign for a placeholder', () => {
    expect(findTokens('{count, plural, one {# file} other {# files}}').map((token) => token.text)).toEqual([]);
    expect(findTokens('50%% off, 100%ige Sicherheit').map((token) => token.text)).toEqual([]);
  });

  it('lists a source’s tokens once each, across plural forms', () => {
    expect(distinctTokens(['%d file in %s', '%d files in %s'])).toEqual(['%d', '%s']);
  });
});

describe('difference', () => {
  it('lets the caret decide where an ambiguous insertion went', () => {
    // Typing "%" in front of "%s" gives "%%s": the caret (at 3) says the new "%" is the first one.
    expect(difference('a %s', 'a %%s', 3)).toEqual({ start: 2, removedEnd: 2, inserted: '%' });
  });
});

describe('guardChange', () => {
  it('leaves ordinary typing alone', () => {
    expect(edit('Hallo %s', 'Hallo, %s', 6)).toEqual({ text: 'Hallo, %s', caret: 6, adjusted: false });
  });

  it('deletes a whole placeholder on Backspace after it', () => {
    expect(edit('Hallo %1$s!', 'Hallo %1$!', 9)).toEqual({ text: 'Hallo !', caret: 6, adjusted: true });
  });

  it('deletes a whole tag on Delete before it', () => {
    expect(edit('a <b>x</b>', 'a b>x</b>', 2)).toEqual({ text: 'a x</b>', caret: 2, adjusted: true });
  });

  it('moves text typed inside a token to just after it', () => {
    expect(edit('Hi {name}!', 'Hi {naXme}!', 7)).toEqual({ text: 'Hi {name}X!', caret: 10, adjusted: true });
  });

  it('widens a selection that cuts into tokens to the whole tokens', () => {
    // Selecting "s and %" of "%s and %d" and typing "y" replaces both placeholders.
    expect(edit('x %s and %d z', 'x %yd z', 4)).toEqual({ text: 'x y z', caret: 3, adjusted: true });
  });

  it('lets a whole token be deleted or replaced as selected', () => {
    expect(edit('a %s b', 'a  b', 2)).toEqual({ text: 'a  b', caret: 2, adjusted: false });
  });

  it('allows typing right before and right after a token', () => {
    expect(edit('%s', 'x%s', 1).text).toBe('x%s');
    expect(edit('%s', '%sx', 3).text).toBe('%sx');
  });

  it('replaces a whole token when right-to-left text is typed over part of it', () => {
    expect(edit('مرحبا %s', 'مرحبا %س', 8)).toEqual({ text: 'مرحبا س', caret: 7, adjusted: true });
  });
});

describe('insertToken', () => {
  it('inserts at the caret', () => {
    expect(insertToken('Hallo !', 6, 6, '%s', [])).toEqual({ text: 'Hallo %s!', caret: 8, adjusted: true });
  });

  it('never splits a token it lands in', () => {
    const text = 'a {name} b';
    expect(insertToken(text, 5, 5, '%d', findTokens(text)).text).toBe('a {name}%d b');
  });

  it('replaces a selection widened to whole tokens', () => {
    const text = 'a %s b';
    expect(insertToken(text, 3, 6, '{x}', findTokens(text)).text).toBe('a {x}');
  });
});
