/** Lokalise's language codes as BCP 47, and what CLDR says about their plural forms. */
import { describe, expect, it } from 'vitest';
import { languageInfo, sortCategories, toLanguageTag } from './language';

describe('languages', () => {
  it.each([
    ['zh_CN', 'zh-CN'],
    ['pt_BR', 'pt-BR'],
    ['sr_Latn', 'sr-Latn'],
    ['zh_Hans_CN', 'zh-Hans-CN'],
    ['ar_001', 'ar-001'],
    ['es_419', 'es-419'],
    ['iw', 'he'],
    ['en', 'en'],
  ])('maps %s to %s', (code, tag) => {
    expect(toLanguageTag(code)).toBe(tag);
  });

  it('falls back to the language subtag, or to nothing', () => {
    expect(toLanguageTag('de_bogus_tag_that_is_long')).toBe('de');
    expect(toLanguageTag('')).toBeNull();
  });

  it('knows the CLDR plural categories, in CLDR order', () => {
    expect(languageInfo('ru').pluralCategories).toEqual(['one', 'few', 'many', 'other']);
    expect(languageInfo('ar').pluralCategories).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(languageInfo('zh_CN').pluralCategories).toEqual(['other']);
    expect(languageInfo('sr_Latn').pluralCategories).toEqual(['one', 'few', 'other']);
    expect(languageInfo('tlh').pluralCategories).toBeNull();
  });

  it('knows which categories stand for one number only', () => {
    expect([...languageInfo('en').singleNumberCategories]).toEqual(['one']);
    expect([...languageInfo('ru').singleNumberCategories]).toEqual([]);
    expect([...languageInfo('fr').singleNumberCategories]).toEqual([]);
    expect([...languageInfo('ar').singleNumberCategories].sort()).toEqual(['one', 'two', 'zero']);
  });

  it('sorts categories the CLDR way', () => {
    expect(sortCategories(['other', 'many', 'one', 'few', 'two', 'zero', '=0'])).toEqual(['zero', 'one', 'two', 'few', 'many', 'other', '=0']);
  });
});
