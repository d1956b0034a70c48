import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { useAction } from '../shared/use-action';
import { ProblemNotice } from '../shared/ProblemNotice';

/**
 * The fallback when the loopback cannot be used: the translator pastes the code Lokalise showed them. The warning
 * matters: a code someone else sent would sign this app into *their* account (a known phishing pattern).
 */
export function PasteCodeForm(): React.JSX.Element {
  const [code, setCode] = useState('');
  const [empty, setEmpty] = useState(false);
  const { run, problem } = useAction();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <form
      className="waiting"
      aria-label="Paste a sign-in code"
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = code.trim();
        setEmpty(trimmed === '');
        if (trimmed !== '') run(() => api().auth.submitCode(trimmed));
      }}
    >
      <label htmlFor="sign-in-code">Code shown by Lokalise</label>
      <input ref={field} id="sign-in-code" value={code} onChange={(event) => setCode(event.target.value)} autoComplete="off" spellCheck={false} />
      <p className="hint warning-text">Only paste a code that Lokalise showed you in your own browser. Never paste a code someone sent you: it would sign you in to their account.</p>
      <div className="actions">
        <button type="submit" className="primary">
          Sign in
        </button>
        <button type="button" onClick={() => run(() => api().auth.cancelSignIn())}>
          Cancel
        </button>
      </div>
      <ProblemNotice problem={empty ? 'Paste the code Lokalise showed you first.' : problem} />
    </form>
  );
}
