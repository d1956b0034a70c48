/**
 * One conflict (issue 19 part 4): the base the translator began from, their text and Lokalise's current text
 * ("theirs", with who changed it and when), each side's changes against the base marked word by word; and the three
 * ways out: keep mine (pushed against theirs as the new base), take theirs (my edit is dropped), or a merged value
 * edited here. Nothing is written to Lokalise from this view; a resolution goes back to the outbox.
 */
import { useId, useState } from 'react';
import type { Edit, Language, TranslationSnapshot } from '../../../common/contract';
import { api } from '../api';
import { exactTime } from '../shared/format';
import { useAction } from '../shared/use-action';
import { DiffText } from './DiffText';
import { formText, withForm, type DraftValue } from './edit-value';
import { formsToShow, languageTag, pluralCategoriesFor } from './plural';
import { TokenTextArea } from './TokenTextArea';

function snapshotValue(snapshot: TranslationSnapshot, isPlural: boolean): DraftValue {
  return isPlural ? (snapshot.pluralForms ?? {}) : snapshot.value;
}

function mineValue(edit: Edit): DraftValue {
  return edit.isPlural ? (edit.pluralForms ?? {}) : edit.value;
}

function whoAndWhen(snapshot: TranslationSnapshot): string {
  const who = snapshot.modifiedBy ?? 'someone';
  return snapshot.modifiedAt === null ? `Changed by ${who}` : `Changed by ${who}, ${exactTime(snapshot.modifiedAt)}`;
}

/** The conflict view of one edit; `onResolved` runs after a resolution was saved. */
export function ConflictView({ edit, language, onResolved }: { edit: Edit; language: Language | undefined; onResolved?: () => void }): React.JSX.Element {
  const headingId = useId();
  const { run, problem } = useAction();
  const [merging, setMerging] = useState<DraftValue | null>(null);
  const dir = language?.isRtl === true ? 'rtl' : 'ltr';
  const lang = languageTag(edit.languageIso);
  const base = snapshotValue(edit.base, edit.isPlural);
  const theirs = edit.theirs === null ? base : snapshotValue(edit.theirs, edit.isPlural);
  const mine = mineValue(edit);
  const forms = edit.isPlural
    ? formsToShow(pluralCategoriesFor(edit.languageIso, language), { ...(typeof base === 'string' ? {} : base), ...(typeof mine === 'string' ? {} : mine), ...(typeof theirs === 'string' ? {} : theirs) })
    : [null];
  const resolve = (resolution: Parameters<ReturnType<typeof api>['edits']['resolve']>[1]): void =>
    run(async () => {
      await api().edits.resolve(edit.editId, resolution);
      onResolved?.();
    });
  const languageName = language?.name ?? edit.languageIso;

  return (
    <article className="conflict" aria-labelledby={headingId}>
      <h3 id={headingId} className="conflict-title">
        <span className="key-name-text">{edit.keyName}</span> <span className="iso">{languageName}</span>
      </h3>
      <div className="conflict-sides">
        {forms.map((form) => (
          <div key={form ?? 'value'} className="conflict-form">
            {form !== null && <h4 className="plural-label">{form}</h4>}
            <dl className="conflict-grid">
              <div className="conflict-side conflict-base">
                <dt>Base, when you began</dt>
                <dd>
                  <DiffText older={formText(base, form)} newer={formText(base, form)} dir={dir} lang={lang} />
                </dd>
              </div>
              <div className="conflict-side conflict-mine">
                <dt>Mine</dt>
                <dd>
                  <DiffText older={formText(base, form)} newer={formText(mine, form)} dir={dir} lang={lang} />
                </dd>
              </div>
              <div className="conflict-side conflict-theirs">
                <dt>Theirs, on Lokalise now{form === forms[0] && edit.theirs !== null && <span className="hint"> — {whoAndWhen(edit.theirs)}</span>}</dt>
                <dd>
                  <DiffText older={formText(base, form)} newer={formText(theirs, form)} dir={dir} lang={lang} />
                </dd>
              </div>
            </dl>
          </div>
        ))}
      </div>
      {merging === null ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => resolve({ kind: 'keepMine' })}>
            Keep mine
          </button>
          <button type="button" onClick={() => resolve({ kind: 'takeTheirs' })}>
            Take theirs
          </button>
          <button type="button" onClick={() => setMerging(mine)}>
            Edit a merged value
          </button>
        </div>
      ) : (
        <div className="merge">
          {forms.map((form) => (
            <div key={form ?? 'value'} className="editor-field">
              {form !== null && <span className="plural-label">{form}</span>}
              <TokenTextArea
                id={`${headingId}-merge-${form ?? 'value'}`}
                value={formText(merging, form)}
                onChange={(text) => setMerging(withForm(merging, form, text))}
                label={form === null ? `Merged ${languageName} value` : `Merged ${languageName} value, plural form ${form}`}
                dir={dir}
                lang={lang}
              />
            </div>
          ))}
          <div className="actions">
            <button type="button" className="primary" onClick={() => resolve({ kind: 'merged', value: merging })}>
              Save merged value
            </button>
            <button type="button" onClick={() => setMerging(null)}>
              Back
            </button>
          </div>
        </div>
      )}
      {problem !== null && <p role="alert" className="notice notice-error">{problem}</p>}
    </article>
  );
}
