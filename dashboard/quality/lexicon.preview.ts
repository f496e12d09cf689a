import type { Classifier, LexiconOverride } from '../../classifiers/index.js';
import { classifiedText, ReviewStatus, type DecidedAd } from '../../store/index.js';
import { flagChangeFigures, type FlagChangeFigures, type FlagPair } from './decision-figures.js';

/** Ads scored between two yields to the event loop, so the dashboard keeps answering. */
const adsPerSlice = 25;

/**
 * Re-scores the decided ads under the override in force and under the proposal, with the same
 * classifier code, so that only the proposal makes the difference (their stored scores may come
 * from older classifier versions).
 */
export async function previewOverride(
  classifier: Classifier,
  ads: readonly DecidedAd[],
  current: LexiconOverride | null,
  proposed: LexiconOverride,
): Promise<FlagChangeFigures> {
  const before = classifier.withOverride(current);
  const after = classifier.withOverride(proposed);
  const pairs: FlagPair[] = [];
  for (const [i, ad] of ads.entries()) {
    if (i > 0 && i % adsPerSlice === 0) await new Promise((resolve) => setImmediate(resolve));
    const text = { title: ad.title, text: classifiedText(ad) };
    pairs.push({
      confirmed: ad.decision === ReviewStatus.Confirmed,
      before: before.assess(text).flagged,
      after: after.assess(text).flagged,
    });
  }
  return flagChangeFigures(pairs);
}
