/**
 * The quiet line beside the count that says when a search did not look at everything the translator asked for:
 * the search hit its time budget before reading every key (main answers `partial`), or the typed text was longer
 * than the search looks at (`searchTerms().cut`). Without it a partial answer reads as "these are all the matches".
 */
import type { KeyPage } from '../../../common/contract';
import { englishNumber } from '../shared/format';
import { searchTermLimit, searchTerms, searchTextLimit } from '../../../common/search-text';


/** The notices for a search (`search` as sent) and its answer's `partial`; empty when the search saw everything. */
export function searchNotices(search: string, partial: KeyPage['partial'] | null): string[] {
  const notices: string[] = [];
  if (partial !== null && partial !== undefined && partial.searchedKeys < partial.totalKeys) {
    notices.push(`Searched ${englishNumber(partial.searchedKeys)} of ${englishNumber(partial.totalKeys)} keys — refine the search to see all matches`);
  }
  const { terms, cut } = searchTerms(search);
  // Cut at the word limit, or (fewer words kept) at the character limit.
  if (cut) notices.push(terms.length === searchTermLimit ? `Search uses the first ${searchTermLimit} words` : `Search uses the first ${englishNumber(searchTextLimit)} characters`);
  return notices;
}
