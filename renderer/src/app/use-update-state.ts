import { useEffect, useState } from 'react';
import type { UpdateState } from '../../../common/contract';
import { api } from '../api';

/** Where automatic updates stand, kept current from main's events; null until first answered. */
export function useUpdateState(): [UpdateState | null, (state: UpdateState) => void] {
  const [state, setState] = useState<UpdateState | null>(null);
  useEffect(() => {
    const unsubscribe = api().app.onUpdateStateChanged(setState);
    void api()
      .app.updateState()
      .then((initial) => setState((current) => current ?? initial))
      .catch(() => undefined);
    return unsubscribe;
  }, []);
  return [state, setState];
}
