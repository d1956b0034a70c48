import { useEffect, useState } from 'react';
import type { AppInfo, Connectivity } from '../../../common/contract';
import { api } from '../api';
import { useCoreValue, type CoreValueSource } from '../shared/use-core-value';

const connectivity: CoreValueSource<Connectivity> = {
  read: () => api().app.connectivity(),
  follow: (listener) => api().app.onConnectivityChanged(listener),
};

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
  return useCoreValue(connectivity);
}
