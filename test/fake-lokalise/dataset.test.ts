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

  it('gives each language its CLDR plural forms and RTL flag', () => {
    const dataset = new Dataset({ projects: 1, keysPerProject: 1, languages: 10 });
    const forms = Object.fromEntries((dataset.projects[0]?.languages ?? []).map((language) => [language.iso, language.pluralForms.join(' ')]));
    expect(forms).toEqual({
      en: 'one other', ar: 'zero one two few many other', ja: 'other', zh_CN: 'other', de: 'one other',
      fr: 'one many other', ru: 'one few many other', es: 'one many other', pt_BR: 'one many other', ko: 'other',
    });
    expect(dataset.projects[0]?.languages.filter((language) => language.isRtl).map((language) => language.iso)).toEqual(['ar']);
  });

  it('answers review state cheaply and in agreement with the generated translations', () => {
    const dataset = new Dataset({ seed: 5, projects: 1, keysPerProject: 400, languages: 6 });
    const project = dataset.projects[0]!;
    let reviewed = 0;
    let unverified = 0;
    for (let index = 0; index < project.keyCount; index += 1) {
      dataset.key(project, index).translations.forEach((translation, position) => {
        expect(dataset.translationStatus(project, index, position)).toEqual({
          isUntranslated: translation.value === '',
          isReviewed: translation.isReviewed,
          isUnverified: translation.isUnverified,
        });
        if (translation.isReviewed) reviewed += 1;
        if (translation.isUnverified) unverified += 1;
        expect(translation.translationId).toBe(dataset.translationIdAt(project, index, position));
      });
    }
    const total = project.keyCount * 6;
    expect(reviewed / total).toBeGreaterThan(0.25);
    expect(reviewed / total).toBeLessThan(0.45);
    expect(unverified / total).toBeGreaterThan(0.02);
    expect(unverified / total).toBeLessThan(0.1);
  });

  it('keeps about 3% archived and 2% hidden keys', () => {
    const dataset = new Dataset({ seed: 9, projects: 1, keysPerProject: 20_000 });
    const project = dataset.projects[0]!;
    const flags = Array.from({ length: project.keyCount }, (_, index) => dataset.flags(project, index));
    expect(flags.filter((entry) => entry.isArchived).length / project.keyCount).toBeCloseTo(0.03, 2);
    expect(flags.filter((entry) => entry.isHidden).length / project.keyCount).toBeCloseTo(0.02, 2);
  });

  it('overlays edits and new keys without disturbing the rest of the data', () => {
    const dataset = new Dataset({ seed: 4, projects: 1, keysPerProject: 30 });
    const project = dataset.projects[0]!;
    const index = Array.from({ length: 30 }, (_, candidate) => candidate).find((candidate) => !dataset.flags(project, candidate).isPlural) ?? 0;
    const neighbour = dataset.key(project, index + 1);
    const otherLanguages = dataset.key(project, index).translations.filter((_, position) => position !== 1);
    dataset.updateTranslation(project.projectId, dataset.keyIdAt(project, index), 'ar', '', 1_700_000_000);
    expect(dataset.isUntranslated(project, index, 1)).toBe(true);
    expect(dataset.key(project, index).translations[1]).toMatchObject({ value: '', isReviewed: false, modifiedAt: 1_700_000_000 });
    expect(dataset.key(project, index + 1)).toEqual(neighbour);
    expect(dataset.key(project, index).translations.filter((_, position) => position !== 1)).toEqual(otherLanguages);
    expect(dataset.addKeys(project.projectId, 2)).toEqual([dataset.keyIdAt(project, 30), dataset.keyIdAt(project, 31)]);
    expect(project.keyCount).toBe(32);
    expect(dataset.statistics(project).keysTotal).toBe(32);
    expect(() => dataset.addKeys(project.projectId, -1)).toThrow(/whole number/);
  });
});
