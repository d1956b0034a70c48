import { useEffect, useState } from 'react';
import type { SyncProgress } from '../../../common/contract';
import { api } from '../api';

/** The sync engine's progress, kept current from `sync.onProgress`; null until answered. */
export function useSyncProgress(): SyncProgress | null {
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useEffect(() => {
    const unsubscribe = api().sync.onProgress(setProgress);
    void api()
      .sync.status()
      .then((initial) => setProgress((current) => current ?? initial));
    return unsubscribe;
  }, []);
  return progress;
}
