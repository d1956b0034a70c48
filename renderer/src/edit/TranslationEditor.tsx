/**
 * The editor of one translation (issue 19 part 1, issue 20 part 2): a token-aware field, or one field per plural
 * category of the language; placeholders of the source offered for insertion; "reviewed" (for reviewers) and
 * "unverified" toggles; QA findings under each field while typing; read-only with the reason when the language is
 * not writable. Edits are committed on blur, Enter (Shift+Enter is a new line) or a second of idle, and Escape puts
 * back the last committed value (see `use-edit-draft.ts`).
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Edit, Language, TranslationCell } from '../../../common/contract';
import { checkTranslation, countCharacters, type QaIssue, type QaSettings } from '../../../common/qa';
import { useDebounced } from '../shared/use-debounced';
import type { EditAccess } from './access';
import { cellValue, formText, withForm } from './edit-value';
import { editStateLabels, editStateSentence } from './edit-state';
import { formsToShow, languageTag, pluralCategoriesFor } from './plural';
import { QaIssueList } from './QaIssueList';
import { TokenTextArea, type TokenTextAreaHandle } from './TokenTextArea';
import { distinctTokens } from './tokens';
import { useEditDraft, type EditFlags } from './use-edit-draft';

export interface TranslationEditorProps {
  readonly projectId: string;
  readonly keyId: number;
  readonly isPlural: boolean;
  readonly charLimit: number;
  readonly cell: TranslationCell;
  readonly language: Language | undefined;
  /** The source language's translation, for QA and the placeholders to offer; null when this is the source. */
  readonly source: { readonly languageIso: string; readonly cell: TranslationCell } | null;
  readonly access: EditAccess;
  readonly qaSettings?: QaSettings;
  /** Changing it focuses the first field (the grid's "Enter opens the editor"). */
  readonly focusSerial?: number;
  readonly onCommitted?: (edit: Edit) => void;
}

/** How long typing must pause before the checks run again; typing is never waited on. */
const qaDelayMs = 150;

function initialFlags(cell: TranslationCell): EditFlags {
  return { isReviewed: cell.edit?.isReviewed ?? cell.isReviewed, isUnverified: cell.edit?.isUnverified ?? cell.isUnverified };
}

function touchedFlags(cell: TranslationCell): Set<keyof EditFlags> {
  const touched = new Set<keyof EditFlags>();
  if (cell.edit?.isReviewed !== null && cell.edit?.isReviewed !== undefined) touched.add('isReviewed');
  if (cell.edit?.isUnverified !== null && cell.edit?.isUnverified !== undefined) touched.add('isUnverified');
  return touched;
}

const statusWords = { saved: 'Saved on this computer.', dirty: 'Not saved yet.', saving: 'Saving…', failed: 'Not saved.' } as const;

/** The editor of one translation. */
export function TranslationEditor(props: TranslationEditorProps): React.JSX.Element {
  const { projectId, keyId, isPlural, charLimit, cell, language, source, access, qaSettings, focusSerial, onCommitted } = props;
  const baseId = useId();
  const languageName = language?.name ?? cell.languageIso;
  const dir = language?.isRtl === true ? 'rtl' : 'ltr';
  const lang = languageTag(cell.languageIso);
  const readOnly = !access.writable;
  const edit = cell.edit ?? null;
  const editor = useEditDraft({ projectId, keyId, languageIso: cell.languageIso }, cellValue(cell, isPlural), initialFlags(cell), touchedFlags(cell), onCommitted);
  const [everEdited, setEverEdited] = useState(false);
  const fields = useRef(new Map<string, TokenTextAreaHandle>());
  const lastField = useRef<string | null>(null);

  const forms = isPlural ? formsToShow(pluralCategoriesFor(cell.languageIso, language), typeof editor.draft === 'string' ? {} : editor.draft) : [null];
  const sourceValue = source === null ? null : cellValue(source.cell, isPlural);
  const offered = useMemo(() => (sourceValue === null ? [] : distinctTokens(typeof sourceValue === 'string' ? [sourceValue] : Object.values(sourceValue))), [sourceValue]);

  const checked = useDebounced(editor.draft, qaDelayMs);
  const issues = useMemo<QaIssue[]>(() => {
    if (source === null || sourceValue === null) return [];
    return checkTranslation(
      { sourceLanguage: source.languageIso, targetLanguage: cell.languageIso, source: sourceValue, target: checked, isPlural, charLimit, ...(language !== undefined && language.pluralForms.length > 0 ? { targetPluralForms: language.pluralForms } : {}) },
      qaSettings,
    );
  }, [source, sourceValue, cell.languageIso, checked, isPlural, charLimit, language, qaSettings]);
  // An untouched empty translation is not a mistake yet: the empty-target warning waits until the translator types.
  const shown = everEdited || editor.status !== 'saved' || edit !== null ? issues : issues.filter((issue) => issue.checkId !== 'emptyTarget');

  useEffect(() => {
    if (focusSerial === undefined || focusSerial === 0) return;
    const first = forms[0] ?? null;
    fields.current.get(first ?? '')?.focus();
    // Only a new request focuses (hence the one dependency): the forms changing while typing must not move the caret.
  }, [focusSerial]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      editor.commit();
    } else if (event.key === 'Escape' && editor.status !== 'saved') {
      event.preventDefault();
      event.stopPropagation();
      editor.cancel();
    }
  };

  const insert = (token: string): void => {
    const target = lastField.current ?? forms[0] ?? null;
    fields.current.get(target ?? '')?.insertToken(token);
  };

  const statusId = `${baseId}-status`;
  return (
    <div className="editor" data-state={edit?.state ?? 'synced'}>
      {access.note !== null && <p className={readOnly ? 'notice editor-readonly' : 'hint'}>{access.note}</p>}
      {edit !== null && (
        <p className={`edit-state edit-state-${edit.state}`}>
          <span className="badge">{editStateLabels[edit.state]}</span> {editStateSentence(edit)}
        </p>
      )}
      <div className={isPlural ? 'plural-fields' : 'single-field'}>
        {forms.map((form) => {
          const fieldId = `${baseId}-${form ?? 'value'}`;
          const formIssues = shown.filter((issue) => (isPlural ? issue.form === form : true));
          const text = formText(editor.draft, form);
          const length = countCharacters(text);
          return (
            <div key={form ?? 'value'} className="editor-field">
              {form !== null && (
                <label htmlFor={fieldId} className="plural-label">
                  {form}
                </label>
              )}
              <TokenTextArea
                id={fieldId}
                handle={(handle) => {
                  if (handle === null) fields.current.delete(form ?? '');
                  else fields.current.set(form ?? '', handle);
                }}
                value={text}
                onChange={(next) => {
                  setEverEdited(true);
                  lastField.current = form ?? '';
                  editor.change(withForm(editor.draft, form, next));
                }}
                label={form === null ? `${languageName} translation` : `${languageName} translation, plural form ${form}`}
                dir={dir}
                lang={lang}
                readOnly={readOnly}
                placeholder={readOnly ? 'Untranslated' : 'Untranslated: type the translation'}
                marks={formIssues.filter((issue) => issue.range !== null).map((issue) => ({ range: issue.range ?? { start: 0, end: 0 }, severity: issue.severity }))}
                describedBy={[formIssues.length > 0 ? `${fieldId}-qa` : '', statusId].join(' ').trim()}
                invalid={formIssues.some((issue) => issue.severity === 'error')}
                onKeyDown={onKeyDown}
                onBlur={() => {
                  lastField.current = form ?? '';
                  editor.commit();
                }}
              />
              {charLimit > 0 && (
                <span className={`char-count${length > charLimit ? ' char-count-over' : ''}`}>
                  {length} of {charLimit} characters
                </span>
              )}
              {formIssues.length > 0 && <QaIssueList id={`${fieldId}-qa`} issues={formIssues} />}
            </div>
          );
        })}
        {isPlural && shown.some((issue) => issue.form === null) && <QaIssueList id={`${baseId}-key-qa`} issues={shown.filter((issue) => issue.form === null)} />}
      </div>
      {!readOnly && offered.length > 0 && (
        <div className="token-palette" role="group" aria-label="Insert a placeholder from the source">
          <span className="hint">Insert:</span>
          {offered.map((token) => (
            <button key={token} type="button" className="token-button" aria-label={`Insert ${token}`} onMouseDown={(event) => event.preventDefault()} onClick={() => insert(token)}>
              {token}
            </button>
          ))}
        </div>
      )}
      <div className="editor-footer">
        {readOnly ? (
          <>
            {editor.flags.isReviewed && <span className="badge badge-reviewed">Reviewed</span>}
            {editor.flags.isUnverified && <span className="badge badge-unverified">Unverified</span>}
          </>
        ) : (
          <>
            {access.isReviewer ? (
              <label className="check">
                <input type="checkbox" checked={editor.flags.isReviewed} onChange={(event) => editor.setFlag('isReviewed', event.currentTarget.checked)} /> Reviewed
              </label>
            ) : (
              editor.flags.isReviewed && <span className="badge badge-reviewed">Reviewed</span>
            )}
            <label className="check">
              <input type="checkbox" checked={editor.flags.isUnverified} onChange={(event) => editor.setFlag('isUnverified', event.currentTarget.checked)} /> Unverified
            </label>
          </>
        )}
        <span id={statusId} className={`editor-status editor-status-${editor.status}`} role="status">
          {readOnly ? '' : editor.status === 'failed' ? `${statusWords.failed} ${editor.problem ?? ''} Your text stays here; it is saved again on the next Enter or blur.` : editor.status === 'saved' && !everEdited ? 'Enter saves, Shift+Enter adds a line, Esc undoes.' : statusWords[editor.status]}
        </span>
      </div>
    </div>
  );
}
