import { describe, expect, it } from 'vitest';
import { Dataset } from './dataset';

describe('fake Lokalise dataset', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const first = new Dataset({ seed: 42, projects: 2, keysPerProject: 100 });
    const again = new Dataset({ seed: 42, projects: 2, keysPerProject: 100 });
    const other = new Dataset({ seed: 43, projects: 2, keysPerProject: 100 });
    const project = first.projects[1]!;
    expect(first.key(project, 57)).toEqual(again.key(again.projects[1]!, 57));
    expect(first.projects.map((entry) => entry.projectId)).toEqual(again.projects.map((entry) => entry.projectId));
    expect(other.key(other.projects[1]!, 57)).not.toEqual(first.key(project, 57));
    expect(first.projects[0]?.projectId).toMatch(/^[0-9a-f]{22}\.\d{8}$/);
  });

  it('has the realistic mix the app must handle', () => {
    const dataset = new Dataset({ seed: 7, projects: 1, keysPerProject: 4000, languages: 10 });
    const project = dataset.projects[0]!;
    expect(project.languages.map((language) => language.iso)).toEqual(['en', 'ar', 'ja', 'zh_CN', 'de', 'fr', 'ru', 'es', 'pt_BR', 'ko']);
    const keys = Array.from({ length: project.keyCount }, (_, index) => dataset.key(project, index));
    const translations = keys.flatMap((key) => key.translations.slice(1));
    const share = (count: number, total: number): number => count / total;
    expect(share(translations.filter((entry) => entry.value === '').length, translations.length)).toBeCloseTo(0.15, 1);
    expect(share(keys.filter((key) => key.isPlural).length, keys.length)).toBeCloseTo(0.08, 1);
    expect(keys.some((key) => key.isArchived)).toBe(true);
    expect(keys.some((key) => key.isHidden)).toBe(true);
    expect(keys.some((key) => key.description !== '')).toBe(true);
    expect(keys.some((key) => key.keyNames.ios !== key.keyNames.web)).toBe(true);
    expect(keys.some((key) => key.charLimit > 0)).toBe(true);
    const english = keys.map((key) => key.translations[0]?.value ?? '');
    for (const fragment of ['%s', '{count}', '[%i:count]', '<b>', '<a href=', '\n']) {
      expect(english.some((value) => value.includes(fragment))).toBe(true);
    }
    expect(english.some((value) => /\p{Extended_Pictographic}/u.test(value))).toBe(true);
    const all = keys.flatMap((key) => key.translations);
    expect(all.some((entry) => entry.isReviewed)).toBe(true);
    expect(all.some((entry) => entry.isUnverified)).toBe(true);
    expect(all.some((entry) => entry.language.iso === 'ar' && /[\u0600-\u06ff]/.test(entry.value))).toBe(true);
    expect(all.some((entry) => entry.language.iso === 'ja' && /[\u3040-\u30ff]/.test(entry.value))).toBe(true);
    const arabicPlural = keys.find((key) => key.isPlural && key.translations[1]?.value !== '')?.translations[1];
    expect(Object.keys(arabicPlural?.plural ?? {})).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
  });

  it('generates a 100,000-key project lazily', () => {
    const before = process.memoryUsage().heapUsed;
    const dataset = new Dataset({ projects: 1, keysPerProject: 100_000, languages: 10 });
    const project = dataset.projects[0]!;
    const last = dataset.key(project, 99_999);
    expect(last.keyId).toBe(dataset.keyIdAt(project, 99_999));
    expect(last.translations).toHaveLength(10);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50_000_000);
  });

  it('keeps statistics consistent with deletions', () => {
    const dataset = new Dataset({ projects: 1, keysPerProject: 50 });
    const project = dataset.projects[0]!;
    expect(dataset.statistics(project).keysTotal).toBe(50);
    dataset.deleteKeys(project.projectId, [dataset.keyIdAt(project, 3)]);
    expect(dataset.statistics(project).keysTotal).toBe(49);
    expect(dataset.indexOfKeyId(project, dataset.keyIdAt(project, 3))).toBe(-1);
  });
});
