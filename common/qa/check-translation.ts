/**
 * The one entry point: `checkTranslation(input, settings)` runs every enabled check on one translation and answers
 * its issues. The same call serves the editor (per keystroke, debounced), main (before a push) and a worker (a
 * whole project after a sync): it is synchronous, pure (same input and settings, same answer), and cheap when the
 * translation is fine, which is nearly always.
 *
 * Plural keys are checked form by form. Each target form is compared with the source form of the same category,
 * or the source's `other` when the source language lacks it (Russian `few` against English `other`); placeholders
 * are always compared with the source's `other`, the form that shows every variable. A form that stands for one
 * number only (English or German `one`, Arabic `zero`, `two`) may spell the count out and drop its placeholder.
 */
import { checkNumbers, checkEmails, checkUrls } from './checks/content';
import type { FormCheck, FormPair, IssueDraft } from './checks/context';
import { checkSameAsSource } from './checks/identity';
import { checkHtmlTags, checkIcuSyntax } from './checks/markup';
import { checkPlaceholders } from './checks/placeholders';
import { findPluralProblems } from './checks/plural';
import { checkEndPunctuation, checkUnpairedBrackets, checkUnpairedQuotes } from './checks/punctuation';
import { checkCharLimit, checkDoubleSpace, checkLeadingWhitespace, checkTrailingWhitespace } from './checks/spacing';
import { languageInfo, sortCategories } from './language';
import { defaultQaSettings, type QaSettings } from './settings';
import { analyzeSource, TextAnalysis } from './text/analysis';
import { isBlankText } from './text/characters';
import { QA_CHECK_IDS, type QaCheckId, type QaInput, type QaIssue, type QaSeverity, type QaText } from './types';

type FormCheckId = Exclude<QaCheckId, 'pluralForms' | 'emptyTarget'>;

/** The checks run on each target text or plural form, in the order their issues are listed. */
const formChecks: Readonly<Record<FormCheckId, FormCheck>> = {
  placeholders: checkPlaceholders,
  icuSyntax: checkIcuSyntax,
  htmlTags: checkHtmlTags,
  charLimit: checkCharLimit,
  leadingWhitespace: checkLeadingWhitespace,
  trailingWhitespace: checkTrailingWhitespace,
  doubleSpace: checkDoubleSpace,
  numbers: checkNumbers,
  urls: checkUrls,
  emails: checkEmails,
  unpairedBrackets: checkUnpairedBrackets,
  unpairedQuotes: checkUnpairedQuotes,
  endPunctuation: checkEndPunctuation,
  sameAsSource: checkSameAsSource,
};

/** Settings turned into what a run needs: the enabled form checks and each check's severity. */
interface Plan {
  readonly formChecks: readonly (readonly [FormCheckId, FormCheck, QaSeverity])[];
  readonly severity: Readonly<Partial<Record<QaCheckId, QaSeverity>>>;
}

const plans = new WeakMap<QaSettings, Plan>();
const defaultSettings = defaultQaSettings();

function planFor(settings: QaSettings): Plan {
  let plan = plans.get(settings);
  if (plan === undefined) {
    const severity: Partial<Record<QaCheckId, QaSeverity>> = {};
    for (const id of QA_CHECK_IDS) {
      const level = settings.checks[id];
      if (level !== 'off') severity[id] = level;
    }
    const enabled: (readonly [FormCheckId, FormCheck, QaSeverity])[] = [];
    for (const [id, check] of Object.entries(formChecks) as [FormCheckId, FormCheck][]) {
      const level = severity[id];
      if (level !== undefined) enabled.push([id, check, level]);
    }
    plan = { formChecks: enabled, severity };
    plans.set(settings, plan);
  }
  return plan;
}

/** A value as plural forms: decoded from Lokalise's JSON string when needed, a lone string as the `other` form. */
function pluralForms(value: QaText): Readonly<Record<string, string>> {
  if (typeof value !== 'string') return value;
  if (value.startsWith('{"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((form) => typeof form === 'string')) {
        return parsed as Record<string, string>;
      }
    } catch {
      // Not Lokalise's plural JSON: read it as one form below.
    }
  }
  return value === '' ? {} : { other: value };
}

/** A non-plural value as one string (a plural-shaped value of a non-plural key reads as its `other` form). */
function singleText(value: QaText): string {
  if (typeof value === 'string') return value;
  return value.other ?? Object.values(value).at(-1) ?? '';
}

const isBlank = (text: string | undefined): boolean => text === undefined || isBlankText(text);

/**
 * Checks one translation. Issues come check by check (in `QA_CHECK_IDS` order within each form), forms in CLDR
 * order. An empty source gives no issues (there is nothing to compare with); an empty target gives only
 * `emptyTarget`.
 */
export function checkTranslation(input: QaInput, settings: QaSettings = defaultSettings): QaIssue[] {
  const plan = planFor(settings);
  const issues: QaIssue[] = [];
  const sourceLanguage = languageInfo(input.sourceLanguage);
  const targetLanguage = languageInfo(input.targetLanguage);
  const charLimit = input.charLimit ?? 0;

  const runForm = (form: string | null, sourceForm: string | null, source: string, placeholderSource: string, target: string): void => {
    const sourceAnalysis = analyzeSource(source);
    const pair: FormPair = {
      form,
      sourceForm,
      source: sourceAnalysis,
      placeholderSource: placeholderSource === source ? sourceAnalysis : analyzeSource(placeholderSource),
      target: new TextAnalysis(target),
      sourceLanguage,
      targetLanguage,
      charLimit,
      mayOmitCount: form !== null && targetLanguage.singleNumberCategories.has(form),
    };
    let checkId: QaCheckId = 'placeholders';
    let severity: QaSeverity = 'error';
    const report = (draft: IssueDraft): void => {
      issues.push({ checkId, severity, message: draft.message, token: draft.token, form, range: draft.range });
    };
    for (const [id, check, level] of plan.formChecks) {
      checkId = id;
      severity = level;
      check(pair, report);
    }
  };

  if (!input.isPlural) {
    const source = singleText(input.source);
    const target = singleText(input.target);
    if (isBlank(source)) return issues;
    if (isBlank(target)) return emptyTarget(plan, issues);
    runForm(null, null, source, source, target);
    return issues;
  }

  const sourceForms = pluralForms(input.source);
  const targetForms = pluralForms(input.target);
  const sourceEntries = Object.entries(sourceForms).filter(([, text]) => !isBlank(text));
  if (sourceEntries.length === 0) return issues;
  if (Object.values(targetForms).every((text) => isBlank(text))) return emptyTarget(plan, issues);
  const pluralSeverity = plan.severity.pluralForms;
  if (pluralSeverity !== undefined) {
    for (const problem of findPluralProblems(targetForms, targetLanguage, input.targetPluralForms ?? null)) {
      issues.push({ checkId: 'pluralForms', severity: pluralSeverity, message: problem.message, token: problem.form, form: problem.form, range: null });
    }
  }
  const [fallbackForm, fallbackText] = sourceEntries.find(([form]) => form === 'other') ?? sourceEntries.at(-1) ?? ['other', ''];
  for (const form of sortCategories(Object.keys(targetForms))) {
    const target = targetForms[form];
    if (target === undefined || isBlank(target)) continue;
    const own = sourceForms[form];
    const sameForm = !isBlank(own);
    runForm(form, sameForm ? form : fallbackForm, sameForm && own !== undefined ? own : fallbackText, fallbackText, target);
  }
  return issues;
}

function emptyTarget(plan: Plan, issues: QaIssue[]): QaIssue[] {
  const severity = plan.severity.emptyTarget;
  if (severity !== undefined) {
    issues.push({ checkId: 'emptyTarget', severity, message: 'The translation is empty. Translate it, or leave it for later.', token: null, form: null, range: null });
  }
  return issues;
}
