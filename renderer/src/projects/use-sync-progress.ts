import type { SyncProgress } from '../../../common/contract';
import { api } from '../api';
import { useCoreValue, type CoreValueSource } from '../shared/use-core-value';

const syncProgress: CoreValueSource<SyncProgress> = {
  read: () => api().sync.status(),
  follow: (listener) => api().sync.onProgress(listener),
};

/** The sync engine's progress, kept current from `sync.onProgress`; null until answered. */
export function useSyncProgress(): SyncProgress | null {
  return useCoreValue(syncProgress);
}
