/**
 * Decides what a resync downloads again. Lokalise has no "changed since" filter, so a resync lists every key without
 * its translations (about a seventh of the bytes) and compares, key by key, the two times Lokalise moves with the
 * ones stored: `modified_at` (the key's own fields: names, description, tags, flags) and `translations_modified_at`
 * (any of its translations). A key whose times both match is carried over from the current snapshot; a key whose
 * times moved, or that is new, is downloaded again with its translations; a stored key the listing no longer has is
 * dropped.
 *
 * The times have one-second resolution, so an edit made in the same second as the key was listed by the previous
 * sync would leave them unchanged. Keys whose stored time is within the previous sync's duration (plus two seconds)
 * of the newest stored time are therefore downloaded again too: every key edited while the previous sync ran falls
 * in that window, whatever the clocks say. They are rechecked, not counted as updated.
 *
 * Pure: it sees the listing's ids and times (read off each page on the library's writing thread, see
 * `LibraryStore.readKeyTimes`) and the store's basis, never the network or the database.
 */
import type { KeyTimes } from '../lokalise/types';
import type { ResyncBasis } from '../store';

/** What to do after the listing. */
export interface ResyncPlan {
  /** Key ids to download with their translations: changed, rechecked and new keys, ascending. */
  readonly fetch: readonly number[];
  /** Stored key ids not to carry over: changed, rechecked and no longer listed (the rest move into the new snapshot). */
  readonly drop: readonly number[];
  /** Stored keys whose times moved. */
  readonly updated: number;
  /** Stored keys whose times match but fall in the recent window (see the module comment). */
  readonly rechecked: number;
  /** Listed keys that are not stored. */
  readonly added: number;
  /** Stored keys the listing no longer has. */
  readonly removed: number;
  /** Keys the listing held more than once (the later copy counts). */
  readonly repeated: number;
}

const unseen = 0;
const unchanged = 1;
const changed = 2;
const recheck = 3;

/** The margin added to the previous sync's duration for the recent window, in ms. */
const recentMarginMs = 2000;

function findIndex(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = sorted[middle] ?? Number.NaN;
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Reads a resync's listing page by page and plans the download. */
export class ResyncPlanner {
  private readonly states: Uint8Array;
  private readonly added = new Set<number>();
  private readonly recentFrom: number;
  private repeated = 0;

  public constructor(private readonly basis: ResyncBasis) {
    this.states = new Uint8Array(basis.keyIds.length);
    // The newest stored time comes with the basis, found on the writing thread (see ResyncBasis.newestStamp).
    this.recentFrom = basis.newestStamp - basis.lastSyncDurationMs - recentMarginMs;
  }

  /** Takes one page of the listing (keys without translations), as its keys' ids and times. */
  public see(page: KeyTimes): void {
    const { keyIds, modifiedAt, translationsModifiedAt } = this.basis;
    for (let position = 0; position < page.keyIds.length; position += 1) {
      const keyId = page.keyIds[position] ?? Number.NaN;
      const index = findIndex(keyIds, keyId);
      if (index < 0) {
        if (this.added.has(keyId)) this.repeated += 1;
        this.added.add(keyId);
        continue;
      }
      if (this.states[index] !== unseen) this.repeated += 1;
      const modified = modifiedAt[index] ?? Number.NaN;
      const translationsModified = translationsModifiedAt[index] ?? Number.NaN;
      // NaN (no time stored) never equals anything: such a key is always downloaded again.
      if (page.modifiedAt[position] !== modified || page.translationsModifiedAt[position] !== translationsModified) this.states[index] = changed;
      else this.states[index] = modified >= this.recentFrom || translationsModified >= this.recentFrom ? recheck : unchanged;
    }
  }

  /** How a key of the plan's `fetch` list came to be there. */
  public kindOf(keyId: number): 'updated' | 'rechecked' | 'added' {
    const index = findIndex(this.basis.keyIds, keyId);
    if (index < 0) return 'added';
    return this.states[index] === recheck ? 'rechecked' : 'updated';
  }

  /** The plan, once the whole listing was seen. */
  public plan(): ResyncPlan {
    const fetch: number[] = [];
    const drop: number[] = [];
    const counts = [0, 0, 0, 0];
    this.states.forEach((state, index) => {
      counts[state] = (counts[state] ?? 0) + 1;
      if (state === unchanged) return;
      const keyId = this.basis.keyIds[index] ?? 0;
      drop.push(keyId);
      if (state !== unseen) fetch.push(keyId);
    });
    fetch.push(...this.added);
    fetch.sort((left, right) => left - right);
    return {
      fetch,
      drop,
      updated: counts[changed] ?? 0,
      rechecked: counts[recheck] ?? 0,
      added: this.added.size,
      removed: counts[unseen] ?? 0,
      repeated: this.repeated,
    };
  }
}
