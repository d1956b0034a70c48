/**
 * Placeholders and variables must survive translation: the app fills them in, and a missing, extra or misspelled
 * one shows a raw `%s` to users or crashes the formatter. Named ones (`{name}`, `%{name}`, `{{name}}`, `[%s:name]`)
 * and numbered ones (`%1$s`) may move freely; plain printf ones (`%s`, `%d`, `[%s]`) are filled in order, so their
 * order must stay, unless the translation numbers them (`%2$d … %1$s`), which printf allows.
 */
import type { TextAnalysis } from '../text/analysis';
import type { Placeholder } from '../text/tokens';
import { difference, shown, span, type FormCheck, type FormPair, type Report } from './context';

/** A placeholder reduced to what is compared, with where it is in the target when it is there. */
interface Item {
  readonly key: string;
  readonly text: string;
  readonly start: number | null;
  readonly end: number | null;
}

function itemOf(placeholder: Placeholder): Item {
  return { key: placeholder.key, text: placeholder.text, start: placeholder.start, end: placeholder.end };
}

function unique(items: readonly Item[]): Item[] {
  const seen = new Set<string>();
  const kept: Item[] = [];
  for (const item of items) {
    if (seen.has(item.key)) continue;
    seen.add(item.key);
    kept.push(item);
  }
  return kept;
}

function icuNames(analysis: TextAnalysis, names: readonly string[]): Item[] {
  return names.map((name) => {
    const start = analysis.text.indexOf(`{${name}`);
    if (start < 0) return { key: `{${name}}`, text: `{${name}}`, start: null, end: null };
    const afterName = start + name.length + 1;
    const end = analysis.text[afterName] === '}' ? afterName + 1 : afterName;
    return { key: `{${name}}`, text: `{${name}}`, start, end };
  });
}

/** Named placeholders of both texts, ICU arguments read the same way on both sides (parser, or pattern). */
function namedItems(source: TextAnalysis, target: TextAnalysis): { source: Item[]; target: Item[] } {
  const named = (analysis: TextAnalysis): Item[] => analysis.tokens.placeholders.filter((entry) => entry.family === 'named').map(itemOf);
  const sourceIcu = source.icu;
  const targetIcu = target.icu;
  let sourceArguments: Item[] = [];
  let targetArguments: Item[] = [];
  if (sourceIcu?.ok === true && targetIcu?.ok === true) {
    sourceArguments = icuNames(source, sourceIcu.message.argumentNames);
    targetArguments = icuNames(target, targetIcu.message.argumentNames);
  } else if (sourceIcu !== null || targetIcu !== null) {
    sourceArguments = source.braceArguments.map(itemOf);
    targetArguments = target.braceArguments.map(itemOf);
  }
  return { source: unique([...named(source), ...sourceArguments]), target: unique([...named(target), ...targetArguments]) };
}

function numbered(placeholders: readonly Placeholder[], universal: boolean): Item[] {
  return placeholders.map((entry, index) => ({
    key: universal ? `[%${index + 1}$${entry.spec}]` : `%${index + 1}$${entry.spec}`,
    text: entry.text,
    start: entry.start,
    end: entry.end,
  }));
}

function missingMessage(item: Item, target: TextAnalysis): string {
  if (item.key.startsWith('{') && target.text.includes(`'${item.key.slice(0, -1)}`)) {
    return `${shown(item.text)} is read as plain text: in ICU an apostrophe right before { starts quoted text. Write the apostrophe as ’ or as two apostrophes ('').`;
  }
  return `${shown(item.text)} is missing. The app puts a value there: copy it from the source.`;
}

function reportDifference(expected: readonly Item[], actual: readonly Item[], pair: FormPair, report: Report): boolean {
  const { missing, extra } = difference(expected, actual, (item) => item.key);
  if (!pair.mayOmitCount) for (const item of missing) report({ message: missingMessage(item, pair.target), token: item.text, range: null });
  for (const item of extra) {
    report({
      message: `${shown(item.text)} is not in the source. Remove it, or spell it exactly as in the source.`,
      token: item.text,
      range: item.start === null || item.end === null ? null : span(item.start, item.end),
    });
  }
  return missing.length > 0 || extra.length > 0;
}

/** Compares one printf-like family (printf, or Lokalise's universal `[%s]`). */
function compareOrdered(source: readonly Placeholder[], target: readonly Placeholder[], universal: boolean, pair: FormPair, report: Report): void {
  const sourcePlain = source.filter((entry) => entry.position === null);
  const sourceNumbered = source.filter((entry) => entry.position !== null);
  const targetPlain = target.filter((entry) => entry.position === null);
  const targetNumbered = target.filter((entry) => entry.position !== null);
  // Numbering plain placeholders in their order is equivalent, and is how a translator may reorder them.
  if (sourceNumbered.length === 0 && targetPlain.length === 0 && sourcePlain.length > 0 && targetNumbered.length > 0) {
    reportDifference(unique(numbered(sourcePlain, universal)), unique(targetNumbered.map(itemOf)), pair, report);
    return;
  }
  if (sourcePlain.length === 0 && targetNumbered.length === 0 && sourceNumbered.length > 0 && targetPlain.length > 0) {
    reportDifference(unique(sourceNumbered.map(itemOf)), unique(numbered(targetPlain, universal)), pair, report);
    return;
  }
  reportDifference(unique(sourceNumbered.map(itemOf)), unique(targetNumbered.map(itemOf)), pair, report);
  if (reportDifference(sourcePlain.map(itemOf), targetPlain.map(itemOf), pair, report)) return;
  const moved = targetPlain.findIndex((entry, index) => entry.key !== sourcePlain[index]?.key);
  const first = targetPlain[moved];
  if (first === undefined) return;
  const example = sourcePlain.map((entry, index) => (universal ? `[%${index + 1}$${entry.spec}]` : `%${index + 1}$${entry.spec}`)).join(', ');
  report({
    message: `The placeholders are in a different order than in the source (${sourcePlain.map((entry) => entry.text).join(', ')}). Unnumbered placeholders are filled in order: keep the source's order, or number them (${example}) to reorder.`,
    token: first.text,
    range: span(first.start, first.end),
  });
}

/** ICU select cases are chosen by code and must keep their names; a plural's `other` should show the number. */
function compareIcuStructure(pair: FormPair, report: Report): void {
  const source = pair.placeholderSource.icu;
  const target = pair.target.icu;
  if (source?.ok !== true || target?.ok !== true) return;
  for (const [name, options] of source.message.selectOptions) {
    const translated = target.message.selectOptions.get(name);
    if (translated === undefined) continue;
    for (const option of options.filter((entry) => !translated.includes(entry))) {
      report({ message: `The case ${shown(option)} of {${name}} is missing. Case names are chosen by the app: keep them as in the source and translate only the text in braces.`, token: option, range: null });
    }
    for (const option of translated.filter((entry) => !options.includes(entry))) {
      const start = pair.target.text.indexOf(option);
      report({
        message: `The case ${shown(option)} of {${name}} is not in the source. Case names are not translated: use the source's names.`,
        token: option,
        range: start < 0 ? null : span(start, start + option.length),
      });
    }
  }
  for (const [name, showsCount] of source.message.pluralShowsCount) {
    if (showsCount && target.message.pluralShowsCount.get(name) === false) {
      report({ message: `The other case of {${name}} does not show the number: put # where the number goes, as in the source.`, token: '#', range: null });
    }
  }
}

const hasNamed = (placeholders: readonly Placeholder[]): boolean => placeholders.some((entry) => entry.family === 'named');

/** True when both lists hold the same placeholders in the same order: then no comparison below can find anything. */
function sameKeys(source: readonly Placeholder[], target: readonly Placeholder[]): boolean {
  if (source.length !== target.length) return false;
  for (let index = 0; index < source.length; index += 1) if (source[index]?.key !== target[index]?.key) return false;
  return true;
}

/** Checks placeholders of every format against the source. */
export const checkPlaceholders: FormCheck = (pair, report) => {
  const source = pair.placeholderSource;
  const target = pair.target;
  const sourcePlaceholders = source.tokens.placeholders;
  const targetPlaceholders = target.tokens.placeholders;
  const noPlaceholders = sourcePlaceholders.length === 0 && targetPlaceholders.length === 0;
  if (source.icu === null && target.icu === null && (noPlaceholders || sameKeys(sourcePlaceholders, targetPlaceholders))) return;
  if (!noPlaceholders) {
    for (const family of ['printf', 'universal'] as const) {
      const inSource = sourcePlaceholders.filter((entry) => entry.family === family);
      const inTarget = targetPlaceholders.filter((entry) => entry.family === family);
      if (inSource.length > 0 || inTarget.length > 0) compareOrdered(inSource, inTarget, family === 'universal', pair, report);
    }
  }
  if (source.icu === null && target.icu === null && !hasNamed(sourcePlaceholders) && !hasNamed(targetPlaceholders)) return;
  const named = namedItems(source, target);
  if (named.source.length > 0 || named.target.length > 0) reportDifference(named.source, named.target, pair, report);
  compareIcuStructure(pair, report);
};
