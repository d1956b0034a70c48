import { useEffect, useState } from 'react';
import { api } from '../api';

type Outcome = 'copied' | 'failed' | null;

/**
 * One click copies `text` through main (the hardened window has no clipboard permission); the button confirms it
 * for a moment, or says it failed, since a silent miss would have the translator paste something stale.
 */
export function CopyButton({ text, label }: { text: string; label: string }): React.JSX.Element {
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(() => {
    if (outcome === null) return;
    const timer = setTimeout(() => setOutcome(null), 1500);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <button
      type="button"
      className="copy"
      aria-label={label}
      title={label}
      onClick={() => {
        api()
          .app.copyText(text)
          .then((copied) => setOutcome(copied ? 'copied' : 'failed'))
          .catch(() => setOutcome('failed'));
      }}
    >
      <span aria-live="polite">{outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Not copied' : 'Copy'}</span>
    </button>
  );
}
