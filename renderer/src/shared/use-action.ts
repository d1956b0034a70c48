import { useCallback, useState } from 'react';
import { messageOf } from '../api';

/**
 * Runs a call the user started and keeps its failure as a sentence to show next to the control, so a rejected
 * call is never an unhandled rejection nor silently lost. Starting another action clears the previous problem.
 */
export function useAction(): { run: (action: () => Promise<unknown>) => void; problem: string | null; clear: () => void } {
  const [problem, setProblem] = useState<string | null>(null);
  const run = useCallback((action: () => Promise<unknown>) => {
    setProblem(null);
    action().catch((error: unknown) => setProblem(messageOf(error)));
  }, []);
  const clear = useCallback(() => setProblem(null), []);
  return { run, problem, clear };
}
