/**
 * Every edit that needs the translator, in one place: conflicts (three-way view, bulk actions), edits held by a QA
 * error ("Push anyway", once), orphaned and refused edits with the reason and their text, QA warnings of the edits
 * waiting to be pushed (the push summary), and the export of everything not yet on Lokalise.
 */
import { useEffect, useRef, useState } from 'react';
import type { Edit, Language, ProjectSummary } from '../../../common/contract';
import { api } from '../api';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { useAction } from '../shared/use-action';
import { ConflictList } from './ConflictList';
import { editStateLabels, editStateSentence } from './edit-state';
import { languageTag } from './plural';
import { useEditList } from './use-edits';
import { usePendingChecks } from './use-pending-checks';

function mineText(edit: Edit): string {
  return edit.pluralForms === null ? edit.value : Object.entries(edit.pluralForms).map(([form, text]) => `${form}: ${text}`).join('\n');
}

function EditLine({ edit, language, children }: { edit: Edit; language: Language | undefined; children?: React.ReactNode }): React.JSX.Element {
  return (
    <li className="change-item">
      <div className="change-item-head">
        <span className="change-item-name">
          {edit.keyName} <span className="iso">{language?.name ?? edit.languageIso}</span>
        </span>
        <span className="badge">{editStateLabels[edit.state]}</span>
      </div>
      <p className="change-reason">{editStateSentence(edit)}</p>
      <p className="translation-text change-mine" dir={language?.isRtl === true ? 'rtl' : 'ltr'} lang={languageTag(edit.languageIso)}>
        {mineText(edit)}
      </p>
      {children}
    </li>
  );
}

export function ChangesPanel({ projects, onClose }: { projects: readonly ProjectSummary[]; onClose: () => void }): React.JSX.Element {
  const { edits } = useEditList(null, []);
  const pending = edits?.filter((edit) => edit.state === 'pending') ?? null;
  const [pendingForChecks, setPendingForChecks] = useState<Edit[] | null>(null);
  const checks = usePendingChecks(pendingForChecks, projects);
  const { run, problem } = useAction();
  const [exported, setExported] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState<Edit | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const pendingSignature = pending?.map((edit) => `${edit.editId}:${edit.updatedAt}`).join(',') ?? null;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    return () => opener?.focus();
  }, []);
  // Re-check only when the pending edits themselves change, not on every outbox event.
  useEffect(() => {
    setPendingForChecks(pending);
  }, [pendingSignature]);

  const languageOf = (edit: Edit): Language | undefined => projects.find((project) => project.projectId === edit.projectId)?.languages.find((language) => language.iso === edit.languageIso);
  const conflicts = edits?.filter((edit) => edit.state === 'conflict') ?? [];
  const held = edits?.filter((edit) => edit.state === 'held') ?? [];
  const lost = edits?.filter((edit) => edit.state === 'orphaned' || edit.state === 'rejected') ?? [];
  const pushAnyway = (chosen: readonly Edit[]): void =>
    run(async () => {
      await api().edits.confirmQa(chosen.map((edit) => edit.editId));
      await api().edits.push(null, chosen.map((edit) => edit.editId));
    });

  return (
    <div
      className="changes-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="changes-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && discarding === null && !(event.target instanceof HTMLTextAreaElement)) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <header className="changes-head">
        <h2 id="changes-heading" ref={heading} tabIndex={-1}>
          Changes
        </h2>
        <button type="button" onClick={() => run(async () => {
          const result = await api().edits.export(null);
          setExported(result.cancelled ? null : `Exported ${result.count.toLocaleString()} edits to ${result.path ?? 'the chosen file'}.`);
        })}>
          Export unpushed edits…
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {exported !== null && <p role="status" className="notice">{exported}</p>}
      {problem !== null && <p role="alert" className="notice notice-error">{problem}</p>}
      {edits === null && <p aria-busy="true">Loading changes…</p>}
      {edits !== null && edits.length === 0 && <p className="empty">No edits: everything you changed is on Lokalise.</p>}

      {conflicts.length > 0 && (
        <section aria-labelledby="changes-conflicts">
          <h3 id="changes-conflicts">Conflicts ({conflicts.length.toLocaleString()})</h3>
          <p className="hint">Someone changed these on Lokalise after you began. Nothing was overwritten; choose which version stays.</p>
          <ConflictList conflicts={conflicts} languageOf={languageOf} />
        </section>
      )}

      {held.length > 0 && (
        <section aria-labelledby="changes-held">
          <h3 id="changes-held">Held by QA errors ({held.length.toLocaleString()})</h3>
          {held.length > 1 && (
            <div className="actions">
              <button type="button" onClick={() => pushAnyway(held)}>
                Push all {held.length.toLocaleString()} anyway
              </button>
            </div>
          )}
          <ul className="change-items">
            {held.map((edit) => (
              <EditLine key={edit.editId} edit={edit} language={languageOf(edit)}>
                <button type="button" onClick={() => pushAnyway([edit])}>
                  Push anyway
                </button>
              </EditLine>
            ))}
          </ul>
        </section>
      )}

      {lost.length > 0 && (
        <section aria-labelledby="changes-lost">
          <h3 id="changes-lost">Orphaned and refused ({lost.length.toLocaleString()})</h3>
          <p className="hint">Their text is kept on this computer. Export it to keep or send it; discard only what you no longer need.</p>
          <ul className="change-items">
            {lost.map((edit) => (
              <EditLine key={edit.editId} edit={edit} language={languageOf(edit)}>
                <button type="button" onClick={() => setDiscarding(edit)}>
                  Discard…
                </button>
              </EditLine>
            ))}
          </ul>
        </section>
      )}

      {pending !== null && pending.length > 0 && (
        <section aria-labelledby="changes-checks">
          <h3 id="changes-checks">Checks of the {pending.length.toLocaleString()} changes waiting to be pushed</h3>
          {checks === null ? (
            <p aria-busy="true">Checking…</p>
          ) : checks.findings.length === 0 ? (
            <p className="hint">No QA findings.{checks.unchecked > 0 && ` ${checks.unchecked.toLocaleString()} could not be checked here (their source is not in the offline library).`}</p>
          ) : (
            <ul className="change-items">
              {checks.findings.map(({ edit, issues }) => (
                <li key={edit.editId} className="change-item">
                  <div className="change-item-head">
                    <span className="change-item-name">
                      {edit.keyName} <span className="iso">{languageOf(edit)?.name ?? edit.languageIso}</span>
                    </span>
                  </div>
                  <ul className="qa-issues">
                    {issues.map((issue, index) => (
                      <li key={index} className={`qa-issue qa-issue-${issue.severity}`}>
                        <span className="qa-severity">{issue.severity === 'error' ? 'Error' : 'Warning'}:</span> {issue.message}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {discarding !== null && (
        <ConfirmDialog
          title="Discard this edit?"
          body={`Your text for ${discarding.keyName} (${discarding.languageIso}) will be removed from this computer for good. Export it first if you may need it.`}
          confirmLabel="Discard"
          onConfirm={() => {
            const edit = discarding;
            setDiscarding(null);
            run(() => api().edits.discard([edit.editId]));
          }}
          onCancel={() => setDiscarding(null)}
        />
      )}
    </div>
  );
}
