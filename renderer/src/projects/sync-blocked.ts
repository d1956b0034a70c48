import type { Connectivity } from '../../../common/contract';

/**
 * Why syncing is not possible right now, in the words a disabled Sync button gives as its tooltip and accessible
 * description; null when it is. Offline comes first: signing in would not help while Lokalise is unreachable.
 */
export function syncBlockedReason(signedIn: boolean, connectivity: Connectivity | null): string | null {
  if (connectivity?.online === false) return 'Offline: Lokalise cannot be reached, so syncing waits until it can. Your offline copy stays browsable.';
  if (!signedIn) return 'Sign in to sync.';
  return null;
}
