import { useEffect, useState } from 'react';
import type { AuthState } from '../../../common/contract';
import { api } from '../api';

/** The session state, kept current from `auth.onStateChanged`; null until the first answer. */
export function useAuthState(): AuthState | null {
  const [state, setState] = useState<AuthState | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = api().auth.onStateChanged((next) => setState(next));
    void api()
      .auth.getState()
      .then((initial) => {
        if (live) setState((current) => current ?? initial);
      });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return state;
}
