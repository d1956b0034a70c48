import { describe, expect, it } from 'vitest';
import { searchTermLimit, searchTerms, searchTextLimit } from './search-text';

describe('searchTerms', () => {
  it('splits on any whitespace and keeps nothing for blank text', () => {
    expect(searchTerms('  Save\tchanges\n ')).toEqual({ terms: ['Save', 'changes'], cut: false });
    expect(searchTerms(' \n ')).toEqual({ terms: [], cut: false });
  });

  it('keeps one spelling of a term repeated in any case, and does not call that a cut', () => {
    expect(searchTerms(Array.from({ length: 100 }, () => 'Save save SAVE').join(' '))).toEqual({ terms: ['Save'], cut: false });
  });

  it(`looks at ${searchTermLimit} distinct terms at most and says it left the rest out`, () => {
    const words = Array.from({ length: 200 }, (_, index) => `w${index}`);
    const result = searchTerms(words.join(' '));
    expect(result.terms).toEqual(words.slice(0, searchTermLimit));
    expect(result.cut).toBe(true);
  });

  it(`cuts a paste to its first ${searchTextLimit} characters`, () => {
    const paste = 'x'.repeat(2000);
    expect(searchTerms(paste)).toEqual({ terms: ['x'.repeat(searchTextLimit)], cut: true });
  });

  it('never splits an emoji at the cut', () => {
    const text = `${'a'.repeat(searchTextLimit - 1)}😀tail`;
    const [term] = searchTerms(text).terms;
    expect(term).toBe('a'.repeat(searchTextLimit - 1));
    expect(encodeURIComponent(term ?? '')).toBe('a'.repeat(searchTextLimit - 1));
  });

  it('composes text to NFC so a decomposed accent matches a composed one', () => {
    expect(searchTerms('Ände\u0301')).toEqual(searchTerms('Ändé'));
  });
});
