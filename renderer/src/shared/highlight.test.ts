import { describe, expect, it } from 'vitest';
import { segments } from './highlight';

const placeholders = (text: string): string[] => segments(text).filter((segment) => segment.kind === 'placeholder').map((segment) => segment.text);

describe('segments', () => {
  it.each([
    ['You have %s new', ['%s']],
    ['Page %d of %1$s', ['%d', '%1$s']],
    ['{count} files for {name}', ['{count}', '{name}']],
    ['Uploaded [%i:count] of [%s:name]', ['[%i:count]', '[%s:name]']],
    ['<b>Bold</b> and <a href="https://example.com/x">link</a>', ['<b>', '</b>', '<a href="https://example.com/x">', '</a>']],
    ['100% done, {{ double }} braces', []],
  ])('finds the placeholders in %s', (text, expected) => {
    expect(placeholders(text)).toEqual(expected);
  });

  it('marks search words case-insensitively outside placeholders, keeping all text', () => {
    const result = segments('Save {count} SAVED items', 'save');
    expect(result.map((segment) => segment.text).join('')).toBe('Save {count} SAVED items');
    expect(result.filter((segment) => segment.kind === 'match').map((segment) => segment.text)).toEqual(['Save', 'SAVE']);
  });

  it('marks CJK and Arabic matches and treats regex characters literally', () => {
    expect(segments('設定が更新されました', '設定').find((segment) => segment.kind === 'match')?.text).toBe('設定');
    expect(segments('a+b (c)', '(c)').find((segment) => segment.kind === 'match')?.text).toBe('(c)');
    expect(segments('حفظ التغييرات', 'حفظ')[0]).toEqual({ text: 'حفظ', kind: 'match' });
  });
});
