import { useState } from 'react';
import type { AuthState } from '../../../common/contract';
import { api, messageOf } from '../api';
import { guideFor } from './reasons';

/** Asks main whether Lokalise answers now, and says so in place. */
function CheckConnection(): React.JSX.Element {
  const [answer, setAnswer] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setAnswer('Checking…');
          api()
            .app.connectivity()
            .then((state) => setAnswer(state.online ? 'Lokalise answers again. Sign in now.' : (state.message ?? 'Lokalise still cannot be reached.')))
            .catch((error: unknown) => setAnswer(messageOf(error)));
        }}
      >
        Check connection
      </button>
      {answer !== null && <span className="hint">{answer}</span>}
    </>
  );
}

/**
 * Why the last sign-in step ended as it did, with the way forward for that reason: a headline, main's specific
 * sentence (or ours when it sent none). Screens showing it promote the button that leads on (`guideFor(reason).action`).
 */
export function ReasonNotice({ state }: { state: AuthState }): React.JSX.Element | null {
  if (state.reason === null) return null;
  const guide = guideFor(state.reason);
  return (
    <div role={guide.tone === 'problem' ? 'alert' : 'status'} className={`notice reason ${guide.tone === 'problem' ? 'notice-error' : ''}`}>
      <strong className="reason-headline">{guide.headline}</strong> <span className="reason-detail">{state.message ?? guide.fallback}</span>
      {guide.action === 'checkConnection' && (
        <span className="actions">
          <CheckConnection />
        </span>
      )}
    </div>
  );
}
