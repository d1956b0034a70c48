import { useEffect, useState } from 'react';
import type { AppInfo, Connectivity } from '../../../common/contract';
import { api } from '../api';
import { useCoreValue, type CoreValueSource } from '../shared/use-core-value';

const connectivity: CoreValueSource<Connectivity> = {
  read: () => api().app.connectivity(),
  follow: (listener) => api().app.onConnectivityChanged(listener),
};

/**
 * Facts about this installation (mode, configuration problems, the library's state); null until answered. Read
 * again whenever the library changes, since the core may have replaced a damaged one meanwhile.
 */
export function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    const read = (): void => void api().app.info().then(setInfo);
    read();
    return api().app.onLibraryChanged(read);
  }, []);
  return info;
}

/** Whether Lokalise was reachable at the last request, kept current from events. */
export function useConnectivity(): Connectivity | null {
  return useCoreValue(connectivity);
}
