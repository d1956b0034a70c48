/**
 * The QA gate a push passes each edit through before it writes (issue 20 part 3): an error-severity finding of
 * `common/qa` holds the edit back with the reason until the translator fixes it or confirms it once
 * (`edits.confirmQa`); warnings let it through and are counted in the push summary.
 *
 * The checks are the ones the editor runs as the translator types, with the project's own QA settings (which checks
 * run, at which severity), and they need what the library knows about the key: the source text, the char limit and
 * the target language's plural forms. Where the library cannot say (it is unavailable, or the key is no longer in
 * it), the edit is not held: QA is a help, not a lock, and a push needs no library.
 */
import type { ProjectSummary } from '../../../common/contract';
import { checkTranslation, type QaIssue, type QaSettings } from '../../../common/qa';
import type { LibraryStore } from '../store';
import type { OutboxEdit } from './outbox';

/** What the gate says about one edit. */
export interface QaVerdict {
  /** Why the edit is held (the first error's message, and how many more), or null to let it through. */
  readonly hold: string | null;
  /** How many warnings it has (they do not hold it). */
  readonly warnings: number;
}

/** Checks one edit; built once per push so the project facts are read once. */
export type QaGate = (edit: OutboxEdit) => QaVerdict;

/** What the gate reads. */
export interface QaGateSources {
  /** The library now, or null while there is none. */
  readonly library: () => LibraryStore | null;
  /** The project's QA settings (per project, from the preferences). */
  readonly settings: (projectId: string) => QaSettings;
}

const letThrough: QaVerdict = { hold: null, warnings: 0 };

/** The sentence an edit is held with: what to fix first, and how many other errors there are. */
export function holdMessage(errors: readonly QaIssue[]): string | null {
  const [first] = errors;
  if (first === undefined) return null;
  const more = errors.length - 1;
  const where = first.form === null ? '' : ` (form “${first.form}”)`;
  return `${first.message}${where}${more > 0 ? ` And ${more.toLocaleString('en')} more ${more === 1 ? 'error' : 'errors'}.` : ''}`;
}

/** The QA issues of an edit's value, or null when the library lacks what the checks need. */
export function editIssues(library: LibraryStore, project: ProjectSummary, settings: QaSettings, edit: OutboxEdit): QaIssue[] | null {
  const sourceIso = project.baseLanguageIso;
  // The source language is what the others are checked against; an edit of it has nothing to agree with.
  if (sourceIso === null || sourceIso === edit.languageIso) return null;
  const key = library.keyDetail(edit.projectId, edit.keyId);
  const source = key?.translations.find((cell) => cell.languageIso === sourceIso);
  if (key === null || source === undefined) return null;
  const pluralForms = project.languages.find((language) => language.iso === edit.languageIso)?.pluralForms ?? [];
  return checkTranslation(
    {
      sourceLanguage: sourceIso,
      targetLanguage: edit.languageIso,
      source: key.isPlural ? (source.pluralForms ?? source.value) : source.value,
      target: edit.isPlural ? (edit.pluralForms ?? edit.value) : edit.value,
      isPlural: edit.isPlural,
      charLimit: key.charLimit,
      ...(pluralForms.length > 0 ? { targetPluralForms: pluralForms } : {}),
    },
    settings,
  );
}

/** A gate for one push over `sources`. */
export function qaGate(sources: QaGateSources): QaGate {
  const projects = new Map<string, { project: ProjectSummary | null; settings: QaSettings }>();
  return (edit) => {
    const library = sources.library();
    if (library === null) return letThrough;
    let facts = projects.get(edit.projectId);
    if (facts === undefined) {
      facts = { project: library.project(edit.projectId), settings: sources.settings(edit.projectId) };
      projects.set(edit.projectId, facts);
    }
    if (facts.project === null) return letThrough;
    const issues = editIssues(library, facts.project, facts.settings, edit);
    if (issues === null) return letThrough;
    const errors = issues.filter((issue) => issue.severity === 'error');
    return { hold: holdMessage(errors), warnings: issues.length - errors.length };
  };
}
