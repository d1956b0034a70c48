/**
 * The one way a failed action is reported next to the control that started it: an alert, so screen readers
 * announce it as soon as it appears, and nothing at all while there is no problem.
 */
export function ProblemNotice({ problem }: { problem: string | null }): React.JSX.Element | null {
  if (problem === null) return null;
  return (
    <p role="alert" className="notice notice-error">
      {problem}
    </p>
  );
}
