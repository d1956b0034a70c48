/**
 * Facts that must carry over unchanged: numbers, web addresses and e-mail addresses. Each is compared in a form
 * that forgives what translation legitimately changes: digit scripts and separators for numbers, the language code
 * inside a localised link (`/help/en` → `/help/ar`).
 */
import type { LanguageInfo } from '../language';
import type { FoundNumber } from '../text/numbers';
import type { Address } from '../text/tokens';
import { difference, shown, span, type FormCheck, type Report } from './context';

/** Chinese, Japanese and Korean count in units of 10 000 (1万 = 10,000), so their numbers are not compared digit by digit. */
const largeNumberUnits = /[万萬亿億兆만억조]/u;

/** In a plural form, the numbers that form stands for are its count written out ("1 file" in `one`), not facts. */
function isFormCount(found: FoundNumber, form: string | null, language: LanguageInfo): boolean {
  if (form === null || found.value.length > 9) return false;
  return language.categoryOf(Number(found.value)) === form;
}

/** Numbers in the source missing from the translation, and numbers the translation adds. */
export const checkNumbers: FormCheck = (pair, report) => {
  const sourceNumbers = pair.source.numbers.filter((found) => !isFormCount(found, pair.sourceForm, pair.sourceLanguage));
  const targetNumbers = pair.target.numbers.filter((found) => !isFormCount(found, pair.form, pair.targetLanguage));
  if (sourceNumbers.length === 0 && targetNumbers.length === 0) return;
  if (largeNumberUnits.test(pair.target.text)) return;
  const { missing, extra } = difference(sourceNumbers, targetNumbers, (found) => found.value);
  for (const found of missing) report({ message: `The number ${shown(found.text)} from the source is not in the translation.`, token: found.text, range: null });
  for (const found of extra) report({ message: `The number ${shown(found.text)} is not in the source: check it.`, token: found.text, range: span(found.start, found.end) });
};

const languagePatterns = new Map<string, RegExp | null>();
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for the language's code as it appears in links (`pt-BR`, `pt_br`, `pt`), between separators. */
function languagePattern(language: LanguageInfo): RegExp | null {
  let pattern = languagePatterns.get(language.code);
  if (pattern === undefined) {
    const spellings = new Set<string>();
    for (const spelling of [language.code, language.tag ?? '', language.base]) {
      if (spelling.length < 2) continue;
      spellings.add(spelling.toLowerCase());
      spellings.add(spelling.toLowerCase().replace(/-/g, '_'));
      spellings.add(spelling.toLowerCase().replace(/_/g, '-'));
    }
    const alternatives = [...spellings].sort((left, right) => right.length - left.length).map(escape);
    pattern = alternatives.length === 0 ? null : new RegExp(`(?<=[/.=_-]|^)(?:${alternatives.join('|')})(?=[/.?&#_-]|$)`, 'gi');
    languagePatterns.set(language.code, pattern);
  }
  return pattern;
}

function comparableUrl(url: string, language: LanguageInfo): string {
  const pattern = languagePattern(language);
  const lower = url.toLowerCase().replace(/\/$/, '');
  return pattern === null ? lower : lower.replace(pattern, '{lang}');
}

function reportAddresses(missing: readonly Address[], extra: readonly Address[], noun: string, report: Report): void {
  const paired = Math.min(missing.length, extra.length);
  for (let index = 0; index < paired; index += 1) {
    const expected = missing[index];
    const found = extra[index];
    if (expected === undefined || found === undefined) continue;
    report({ message: `The ${noun} ${shown(found.text)} differs from the source's ${shown(expected.text)}.`, token: found.text, range: span(found.start, found.end) });
  }
  for (const expected of missing.slice(paired)) report({ message: `The ${noun} ${shown(expected.text)} from the source is missing.`, token: expected.text, range: null });
  for (const found of extra.slice(paired)) report({ message: `The ${noun} ${shown(found.text)} is not in the source: check it.`, token: found.text, range: span(found.start, found.end) });
}

/** Web addresses differ from the source (a localised language code in them is fine). */
export const checkUrls: FormCheck = (pair, report) => {
  const source = pair.source.tokens.urls;
  const target = pair.target.tokens.urls;
  if (source.length === 0 && target.length === 0) return;
  const { missing, extra } = difference(
    source,
    target,
    (address) => comparableUrl(address.text, pair.sourceLanguage),
    (address) => comparableUrl(address.text, pair.targetLanguage),
  );
  reportAddresses(missing, extra, 'link', report);
};

/** E-mail addresses differ from the source (letter case aside). */
export const checkEmails: FormCheck = (pair, report) => {
  const source = pair.source.tokens.emails;
  const target = pair.target.tokens.emails;
  if (source.length === 0 && target.length === 0) return;
  const { missing, extra } = difference(source, target, (address) => address.text.toLowerCase());
  reportAddresses(missing, extra, 'e-mail address', report);
};
