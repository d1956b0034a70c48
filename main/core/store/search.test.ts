import { describe, expect, it } from 'vitest';
import { buildSearch, expansionLimit } from './search';
import type { Vocabulary } from './search-vocabulary';

/**
 * A vocabulary over a fixed word list, folding by lower-casing and cutting at anything but letters and digits (the
 * real one asks SQLite's tokenizer; see search-vocabulary.test.ts).
 */
function vocabularyOf(indexed: readonly string[]): Vocabulary & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    words: (texts) => texts.map((text) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '')),
    containing: (fragment, limit) => {
      asked.push(fragment);
      const found = indexed.filter((word) => word.includes(fragment));
      return found.length > limit ? null : found;
    },
  };
}

describe('buildSearch', () => {
  it('asks the index for every indexed word containing a plain term, and needs no LIKE', () => {
    const search = buildSearch('ttings', vocabularyOf(['settings', 'settingsmenu', 'setting']));
    expect(search).toEqual({ match: '("ttings" OR "settings" OR "settingsmenu")', where: [], parameters: [] });
  });

  it('keeps each whitespace-separated term as its own condition, all of them required', () => {
    const search = buildSearch('  Save   changes ', vocabularyOf(['save', 'saved', 'changes']));
    expect(search.match).toBe('("save" OR "saved") AND ("changes")');
    expect(search.where).toEqual([]);
  });

  it('matches nothing, rather than everything, for a word no indexed word contains', () => {
    const search = buildSearch('qqqzzz', vocabularyOf(['settings']));
    expect(search).toEqual({ match: '("qqqzzz")', where: [], parameters: [] });
  });

  it('checks a term with punctuation verbatim by LIKE, after narrowing by each of its words', () => {
    const search = buildSearch('log.tit', vocabularyOf(['dialog', 'catalog', 'title', 'titles']));
    expect(search.match).toBe('("log" OR "dialog" OR "catalog") AND ("tit" OR "title" OR "titles")');
    expect(search.where).toHaveLength(1);
    expect(search.parameters.every((parameter) => parameter === '%log.tit%')).toBe(true);
    expect(search.parameters.length).toBeGreaterThan(0);
  });

  it('escapes LIKE wildcards and quotes, and leaves a punctuation-only term to LIKE alone', () => {
    const search = buildSearch('%_\\', vocabularyOf(['settings']));
    expect(search.match).toBeNull();
    expect(search.parameters[0]).toBe('%\\%\\_\\\\%');
    const operator = buildSearch('"OR"', vocabularyOf(['or', 'order']));
    expect(operator.match).toBe('("or" OR "order")');
    expect(operator.parameters[0]).toBe('%"OR"%');
  });

  it('falls back to LIKE for a word inside more indexed words than the limit, and still uses the index for the others', () => {
    const numbers = Array.from({ length: expansionLimit + 1 }, (_, index) => `7${String(index)}`);
    const search = buildSearch('7 settings', vocabularyOf([...numbers, 'settings']));
    expect(search.match).toBe('("settings")');
    expect(search.parameters[0]).toBe('%7%');
    expect(buildSearch('7', vocabularyOf(numbers.slice(0, expansionLimit))).where).toEqual([]);
  });

  it('is empty for blank text', () => {
    expect(buildSearch(' \t ', vocabularyOf(['settings']))).toEqual({ match: null, where: [], parameters: [] });
  });
});
