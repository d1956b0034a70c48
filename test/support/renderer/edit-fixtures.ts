/**
 * Outbox-shaped sample data for the editor's component tests (test-only): edits in each state, counts and push
 * statuses, built from the contract's own types so a contract change breaks them at compile time.
 */
import { emptyEditCounts, idlePushStatus, type Edit, type EditCounts, type PushStatus, type TranslationSnapshot } from '../../../common/contract';
import { fakeEdit } from './fake-api';

/** A server-side version of a translation. */
export function makeSnapshot(value: string, overrides: Partial<TranslationSnapshot> = {}): TranslationSnapshot {
  return { value, pluralForms: null, isReviewed: false, isUnverified: false, modifiedAt: null, modifiedBy: null, ...overrides };
}

/** A pending German edit of key 7 in the sample project; `overrides` changes any field. */
export function makeEdit(overrides: Partial<Edit> = {}): Edit {
  return fakeEdit({ projectId: '100.abc', keyId: 7, keyName: 'welcome.title', value: 'Willkommen zurück', base: makeSnapshot('Willkommen'), ...overrides });
}

/** Outbox counts with the given states filled in and `total` summed. */
export function makeCounts(counts: Partial<Omit<EditCounts, 'total'>>): EditCounts {
  const filled = { ...emptyEditCounts(), ...counts };
  return { ...filled, total: filled.pending + filled.pushing + filled.conflict + filled.orphaned + filled.rejected + filled.held };
}

/** A push status; `overrides` changes any field. */
export function makePush(overrides: Partial<PushStatus> = {}): PushStatus {
  return { ...idlePushStatus, ...overrides };
}
