import type { AdSummary } from '../api/types.js';

/** The server's order: higher risk first, then the most recently seen. */
export function compareRank(a: AdSummary, b: AdSummary): number {
  if (a.score !== b.score) return b.score - a.score;
  return b.firstSeenAt.localeCompare(a.firstSeenAt);
}

/**
 * Inserts a newly flagged ad at its rank. When more pages remain and the ad ranks after the last
 * loaded one, it is left for "load more" to bring, so the list never shows a gap out of order.
 * Returns null when the list does not change.
 */
export function insertAtRank(
  items: AdSummary[],
  ad: AdSummary,
  hasMore: boolean,
): AdSummary[] | null {
  if (items.some((item) => item.id === ad.id)) return null;
  const index = items.findIndex((item) => compareRank(ad, item) < 0);
  if (index === -1) return hasMore ? null : [...items, ad];
  return [...items.slice(0, index), ad, ...items.slice(index)];
}
