import type { QaIssue } from '../../../common/qa';

/**
 * QA findings under a field, errors first. Announced politely (never interrupting typing); an error says it will
 * hold the edit back at push time, so the translator knows what the red means before pushing.
 */
export function QaIssueList({ id, issues }: { id: string; issues: readonly QaIssue[] }): React.JSX.Element {
  const sorted = [...issues].sort((left, right) => (left.severity === right.severity ? 0 : left.severity === 'error' ? -1 : 1));
  return (
    <ul id={id} className="qa-issues" aria-live="polite" aria-label="Checks">
      {sorted.map((issue, index) => (
        <li key={`${issue.checkId}-${index}`} className={`qa-issue qa-issue-${issue.severity}`}>
          <span className="qa-severity">{issue.severity === 'error' ? 'Error' : 'Warning'}:</span> {issue.message}
        </li>
      ))}
    </ul>
  );
}
