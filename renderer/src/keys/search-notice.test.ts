import { describe, expect, it } from 'vitest';
import { searchNotices } from './search-notice';

describe('searchNotices', () => {
  it('says nothing for a search that saw every key and every word', () => {
    expect(searchNotices('', null)).toEqual([]);
    expect(searchNotices('save file', null)).toEqual([]);
    expect(searchNotices('save', { searchedKeys: 100_000, totalKeys: 100_000 })).toEqual([]);
  });

  it('says how many keys a search cut by its time budget looked at', () => {
    expect(searchNotices('dat', { searchedKeys: 41_200, totalKeys: 100_000 })).toEqual(['Searched 41,200 of 100,000 keys — refine the search to see all matches']);
  });

  it('says the search uses only the first 12 words of a longer text', () => {
    const words = Array.from({ length: 15 }, (_, index) => `word${index}`).join(' ');
    expect(searchNotices(words, null)).toEqual(['Search uses the first 12 words']);
  });

  it('says the search uses the first 256 characters of a longer text with fewer words', () => {
    const long = `${'a'.repeat(200)} ${'b'.repeat(100)}`;
    expect(searchNotices(long, null)).toEqual(['Search uses the first 256 characters']);
    expect(searchNotices('c'.repeat(300), null)).toEqual(['Search uses the first 256 characters']);
  });

  it('gives both notices when both apply, the partial search first', () => {
    const words = Array.from({ length: 13 }, (_, index) => `w${index}`).join(' ');
    expect(searchNotices(words, { searchedKeys: 10, totalKeys: 20 })).toHaveLength(2);
  });
});
