import { useEffect, useState } from 'react';
import type { AppInfo, Connectivity } from '../../../common/contract';
import { api } from '../api';

/** Facts about this installation (mode, configuration problems); null until answered. */
export function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void api().app.info().then(setInfo);
  }, []);
  return info;
}

/** Whether Lokalise was reachable at the last request, kept current from events. */
export function useConnectivity(): Connectivity | null {
  const [state, setState] = useState<Connectivity | null>(null);
  useEffect(() => {
    const unsubscribe = api().app.onConnectivityChanged(setState);
    void api()
      .app.connectivity()
      .then((initial) => setState((current) => current ?? initial));
    return unsubscribe;
  }, []);
  return state;
}
