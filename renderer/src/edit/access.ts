/**
 * Whether the translator may edit a language and set "reviewed", from `projects.contributor` (Lokalise's
 * `contributors/me`, cached for offline use), with the sentence the editor shows when not.
 */
import type { Contributor } from '../../../common/contract';

/** What the editor may offer for one language. */
export interface EditAccess {
  readonly writable: boolean;
  readonly isReviewer: boolean;
  /** Why the language is read-only, or a caveat about editable rights; null when there is nothing to say. */
  readonly note: string | null;
}

/**
 * Access for `languageIso`. When Lokalise has never told Locdesk the translator's rights (first use offline), the
 * language is editable: the edit is kept on this computer either way, and a push that Lokalise refuses keeps the
 * text and says why. Setting "reviewed" waits until Lokalise has confirmed the reviewer right.
 */
export function accessFor(contributor: Contributor | null, languageIso: string, languageName: string): EditAccess {
  if (contributor === null) {
    return { writable: true, isReviewer: false, note: 'Locdesk has not yet learned your rights in this project; Lokalise will say at push time if it refuses an edit.' };
  }
  const language = contributor.languages.find((entry) => entry.iso === languageIso);
  if (language?.isWritable !== true) {
    return {
      writable: false,
      isReviewer: false,
      note:
        language === undefined
          ? `Read-only: ${languageName} is not one of your languages in this project on Lokalise.`
          : `Read-only: your Lokalise role lets you read ${languageName} in this project, not change it.`,
    };
  }
  return { writable: true, isReviewer: contributor.isReviewer, note: null };
}
