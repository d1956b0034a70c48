import { useEffect, useRef, useState } from 'react';
import { defaultQaSettings, QA_CHECKS, type QaLevel, type QaSettings } from '../../../common/qa';
import { api, messageOf } from '../api';
import { ProblemNotice } from '../shared/ProblemNotice';

const levels: readonly { readonly value: QaLevel; readonly label: string }[] = [
  { value: 'error', label: 'Error: hold the edit before a push' },
  { value: 'warning', label: 'Warning: list it only' },
  { value: 'off', label: 'Off' },
];

/** True when every check has the same level in both. */
function sameLevels(left: QaSettings, right: QaSettings): boolean {
  return QA_CHECKS.every((check) => left.checks[check.id] === right.checks[check.id]);
}

/**
 * A project's QA settings (issue 20, part 5): for each check, whether it runs and whether what it finds is an
 * error (the edit waits before a push until the translator fixes it or confirms) or a warning. Each change is saved
 * at once and per project in main (`qa.updateSettings`), which rechecks the whole project in the background, so the
 * grid's QA filter, the editor and the push all follow the new choice; there is no "Save" to forget.
 *
 * A modal dialog: focus starts on the first choice, Escape or Close closes it, and focus returns to the control
 * that opened it.
 */
export function QaSettingsDialog({ projectId, projectName, onClose }: { projectId: string; projectName: string; onClose: () => void }): React.JSX.Element {
  const [settings, setSettings] = useState<QaSettings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    api()
      .qa.settings(projectId)
      .then((loaded) => {
        if (live) setSettings(loaded);
      })
      .catch((error: unknown) => {
        if (live) setProblem(messageOf(error));
      });
    return () => {
      live = false;
    };
  }, [projectId]);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => opener?.focus();
  }, []);
  const loaded = settings !== null;
  useEffect(() => {
    if (loaded) dialog.current?.querySelector('select')?.focus();
  }, [loaded]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const save = (next: QaSettings): void => {
    const previous = settings;
    setSettings(next);
    setProblem(null);
    setSaved(false);
    api()
      .qa.updateSettings(projectId, next)
      .then((stored) => {
        setSettings(stored);
        setSaved(true);
      })
      .catch((error: unknown) => {
        // Not saved: show what main still holds, so the screen never claims a setting that is not in force.
        setSettings(previous);
        setProblem(messageOf(error));
      });
  };

  return (
    <div className="dialog-backdrop">
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="qa-settings-title" className="dialog qa-settings">
        <h2 id="qa-settings-title">QA checks for {projectName}</h2>
        <p>Errors hold an edit back before a push until you fix it or confirm; warnings are only listed. Changes apply at once and recheck the project.</p>
        <ProblemNotice problem={problem} />
        {settings === null ? (
          problem === null && <p>Loading…</p>
        ) : (
          <table className="qa-settings-table">
            <tbody>
              {QA_CHECKS.map((check) => (
                <tr key={check.id}>
                  <th scope="row">
                    <label htmlFor={`qa-level-${check.id}`}>{check.title}</label>
                    <span className="qa-settings-note">{check.description}</span>
                  </th>
                  <td>
                    <select
                      id={`qa-level-${check.id}`}
                      value={settings.checks[check.id]}
                      onChange={(event) => {
                        const level = levels.find((entry) => entry.value === event.target.value)?.value ?? check.defaultSeverity;
                        save({ checks: { ...settings.checks, [check.id]: level } });
                      }}
                    >
                      {levels.map((entry) => (
                        <option key={entry.value} value={entry.value}>
                          {entry.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p aria-live="polite" className="qa-settings-note">
          {saved ? 'Saved. The project is being checked again.' : ''}
        </p>
        <div className="actions">
          <button type="button" disabled={settings === null || sameLevels(settings, defaultQaSettings())} onClick={() => save(defaultQaSettings())}>
            Use the defaults
          </button>
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
