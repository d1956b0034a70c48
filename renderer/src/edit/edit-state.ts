/**
 * What an edit's state means to a translator, in one sentence each, for the editor and the changes list.
 */
import type { CellEdit, Edit, EditState } from '../../../common/contract';

/** A short label per state (badges). */
export const editStateLabels: Readonly<Record<EditState, string>> = {
  pending: 'Not pushed yet',
  pushing: 'Pushing',
  conflict: 'Conflict',
  orphaned: 'Orphaned',
  rejected: 'Refused',
  held: 'Held by QA',
};

/** The sentence under an edited translation saying where its edit stands and what to do. */
export function editStateSentence(edit: Pick<CellEdit, 'state'> & Partial<Pick<Edit, 'message' | 'reason'>>): string {
  switch (edit.state) {
    case 'pending':
      return 'Saved on this computer; not pushed to Lokalise yet.';
    case 'pushing':
      return 'Being pushed to Lokalise…';
    case 'conflict':
      return 'Someone changed this on Lokalise since you began. Nothing was overwritten: choose a version under Changes.';
    case 'orphaned':
      return 'The key or translation was deleted on Lokalise. Your text is kept here and can be exported.';
    case 'rejected':
      return edit.reason === 'scopeMissing'
        ? 'Lokalise refused it: your sign-in does not allow editing translations. Sign in again to grant it; your text is kept.'
        : edit.reason === 'notWritable'
          ? 'Lokalise refused it: this language is not writable for you. Your text is kept.'
          : `Lokalise refused it${edit.message !== null && edit.message !== undefined ? `: ${edit.message}` : ''}. Your text is kept.`;
    case 'held':
      return `Held back by a QA error${edit.message !== null && edit.message !== undefined ? `: ${edit.message}` : ''}. Fix it, or choose “Push anyway”.`;
  }
}
