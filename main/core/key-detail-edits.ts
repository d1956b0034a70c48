/**
 * The key detail with the translator's pending edits laid over it, as the grid's pages already are. Without it the
 * detail panel's editors started from the synced value after a reload (and after every edit-changed refresh), so the
 * "pending" marker was missing and the editor showed Lokalise's text over the translator's own.
 */
import type { KeyDetail, KeyPage } from '../../common/contract';

/** Lays edits over a page of keys (`EditsService.overlay`). */
export type PageOverlay = (page: KeyPage, projectId: string) => KeyPage;

/** `detail` with each translation's pending edit (its `edit` field) from `overlay`; null stays null. */
export function detailWithEdits(detail: KeyDetail | null, projectId: string, overlay: PageOverlay): KeyDetail | null {
  if (detail === null) return null;
  const [overlaid] = overlay({ total: 1, offset: 0, items: [detail] }, projectId).items;
  return overlaid === undefined ? detail : { ...detail, translations: overlaid.translations };
}
