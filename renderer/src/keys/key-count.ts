/**
 * The sentence under the grid that says how many keys are shown and why not all: "1,898 of 2,000 keys — 102
 * archived keys hidden". A bare "1,898" next to a project card saying "2,000" reads as data loss; naming the
 * difference turns it into a choice the translator can undo.
 */
import type { KeyCounts } from '../../../common/contract';
import { englishNumber } from '../shared/format';

/** The switches and filters that decide what the count must explain. */
export interface CountFilters {
  readonly includeArchived: boolean;
  readonly includeHidden: boolean;
  /** A search or a status/tag/platform filter is narrowing the list. */
  readonly narrowed: boolean;
}

const keys = (count: number): string => `${englishNumber(count)} ${count === 1 ? 'key' : 'keys'}`;

/** The count sentence for `shown` keys of a snapshot with `counts` (null: counts unknown, say only what is shown). */
export function keyCountText(shown: number | null, counts: KeyCounts | null, filters: CountFilters): string {
  if (shown === null) return 'Counting keys…';
  if (counts === null) return `${keys(shown)}${filters.narrowed ? ' match' : ''}`;
  const all = counts.visible + counts.archivedOnly + counts.hiddenOnly + counts.archivedAndHidden;
  const archivedHidden = filters.includeArchived ? 0 : counts.archivedOnly + counts.archivedAndHidden;
  const hiddenHidden = filters.includeHidden ? 0 : counts.hiddenOnly + (filters.includeArchived ? counts.archivedAndHidden : 0);
  const reasons = [
    archivedHidden > 0 ? `${englishNumber(archivedHidden)} archived ${archivedHidden === 1 ? 'key' : 'keys'}` : null,
    hiddenHidden > 0 ? `${englishNumber(hiddenHidden)} hidden ${hiddenHidden === 1 ? 'key' : 'keys'}` : null,
  ].filter((reason): reason is string => reason !== null);
  const head = shown === all ? keys(all) : `${englishNumber(shown)} of ${keys(all)}`;
  if (filters.narrowed) return `${head} match the search and filters${reasons.length > 0 ? ` (${reasons.join(' and ')} not searched)` : ''}`;
  return reasons.length > 0 ? `${head} — ${reasons.join(' and ')} not shown` : head;
}
