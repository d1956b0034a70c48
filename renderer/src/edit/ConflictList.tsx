/**
 * Many conflicts at once (issue 19 part 4): a list to pick from, with "keep mine" / "take theirs" for the chosen
 * ones (`edits.resolveMany`), and the full three-way view of the one opened. A few conflicts are all shown open;
 * past five the list is collapsed to one line each, as OmegaT does, so the bulk actions stay in reach.
 */
import { useState } from 'react';
import type { Edit, Language } from '../../../common/contract';
import { api } from '../api';
import { useAction } from '../shared/use-action';
import { ConflictView } from './ConflictView';

/** Up to this many conflicts are all shown open. */
const openAllUpTo = 5;

export function ConflictList({ conflicts, languageOf }: { conflicts: readonly Edit[]; languageOf: (edit: Edit) => Language | undefined }): React.JSX.Element {
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [open, setOpen] = useState<number | null>(null);
  const { run, problem } = useAction();
  const ids = conflicts.map((edit) => edit.editId);
  const chosenIds = ids.filter((id) => chosen.has(id));
  const allChosen = chosenIds.length === ids.length && ids.length > 0;
  const openAll = conflicts.length <= openAllUpTo;
  const settle = (kind: 'keepMine' | 'takeTheirs'): void =>
    run(async () => {
      await api().edits.resolveMany(chosenIds, kind);
      setChosen(new Set());
    });
  return (
    <div className="conflict-list">
      <div className="actions bulk-actions" role="group" aria-label="Settle the chosen conflicts">
        <label className="check">
          <input type="checkbox" checked={allChosen} onChange={(event) => setChosen(event.currentTarget.checked ? new Set(ids) : new Set())} /> Choose all
        </label>
        <button type="button" disabled={chosenIds.length === 0} onClick={() => settle('keepMine')}>
          Keep mine for {chosenIds.length.toLocaleString()}
        </button>
        <button type="button" disabled={chosenIds.length === 0} onClick={() => settle('takeTheirs')}>
          Take theirs for {chosenIds.length.toLocaleString()}
        </button>
      </div>
      {problem !== null && <p role="alert" className="notice notice-error">{problem}</p>}
      <ul className="change-items">
        {conflicts.map((edit) => {
          const language = languageOf(edit);
          const isOpen = openAll || open === edit.editId;
          return (
            <li key={edit.editId} className="change-item">
              <div className="change-item-head">
                <input
                  type="checkbox"
                  aria-label={`Choose ${edit.keyName}, ${language?.name ?? edit.languageIso}`}
                  checked={chosen.has(edit.editId)}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.currentTarget.checked) next.add(edit.editId);
                    else next.delete(edit.editId);
                    setChosen(next);
                  }}
                />
                {openAll ? (
                  <span className="change-item-name">
                    {edit.keyName} <span className="iso">{language?.name ?? edit.languageIso}</span>
                  </span>
                ) : (
                  <button type="button" className="link change-item-name" aria-expanded={isOpen} onClick={() => setOpen(isOpen ? null : edit.editId)}>
                    {edit.keyName} <span className="iso">{language?.name ?? edit.languageIso}</span>
                  </button>
                )}
              </div>
              {isOpen && <ConflictView edit={edit} language={language} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
