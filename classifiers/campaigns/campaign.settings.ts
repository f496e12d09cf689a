import { ConfigError } from '../../core/index.js';

/**
 * How ads are compared and when two are one template. The classify worker and `adwatch cluster`
 * use {@link DEFAULT_CAMPAIGN_SETTINGS}, so both link the same ads; the figures behind each value
 * are in `classifiers/campaigns/README.md` ("Settings").
 */
export interface CampaignSettings {
  /** Words per shingle; shingles stay inside a sentence. */
  shingleWords: number;
  /** MinHash values per ad (its signature); a multiple of `bands`. */
  numHashes: number;
  /** LSH bands: two ads are compared when all the values of one band agree. */
  bands: number;
  /** Least Jaccard similarity of two ads' shingle sets for one template. */
  minSimilarity: number;
  /**
   * The boilerplate guard: two ads are not one template when both have more than this many body
   * sentences of their own (sharing no shingle with the other ad). A variant rotates contacts, a
   * title, a few words, drops or adds a line; a different job of the same employer brings its
   * own duties and requirements, however long the company description both share.
   */
  maxOwnSentences: number;
  /** Shingles a sentence needs to count as one of an ad's own (shorter ones never count). */
  ownSentenceShingles: number;
  /** Ads with fewer shingles than this link only to an exact copy (after slot-filling). */
  minShingles: number;
  /**
   * Most ads compared per band: the ones filed last under the new ad's key. Bounds the time an
   * ad takes when thousands share a bucket; campaigns are order-independent while no bucket
   * holds more.
   */
  maxBucketScan: number;
  /** Seed of every hash: change it and every signature changes (keep it fixed in production). */
  seed: number;
}

export const DEFAULT_CAMPAIGN_SETTINGS: Readonly<CampaignSettings> = Object.freeze({
  shingleWords: 3,
  numHashes: 72,
  bands: 24,
  minSimilarity: 0.4,
  maxOwnSentences: 1,
  ownSentenceShingles: 3,
  minShingles: 8,
  maxBucketScan: 100,
  seed: 0x2f6b_a1c3,
});

/** Default settings with `overrides`, checked; throws {@link ConfigError} naming a wrong value. */
export function campaignSettings(overrides: Partial<CampaignSettings> = {}): CampaignSettings {
  const s: CampaignSettings = { ...DEFAULT_CAMPAIGN_SETTINGS, ...overrides };
  const whole = (name: keyof CampaignSettings, min: number, max: number): void => {
    const v = s[name];
    if (!Number.isInteger(v) || v < min || v > max)
      throw new ConfigError(`campaigns.${name}: ${v} is not a whole number from ${min} to ${max}.`);
  };
  whole('shingleWords', 1, 8);
  whole('numHashes', 8, 1024);
  whole('bands', 1, s.numHashes);
  whole('maxOwnSentences', 0, 1_000);
  whole('ownSentenceShingles', 1, 1_000);
  whole('minShingles', 1, 1_000);
  whole('maxBucketScan', 1, 1_000_000_000);
  whole('seed', -0x8000_0000, 0xffff_ffff);
  if (s.numHashes % s.bands !== 0)
    throw new ConfigError(
      `campaigns.bands: ${s.bands} does not divide numHashes ${s.numHashes} (e.g. 72 hashes in 24 bands of 3).`,
    );
  if (!(s.minSimilarity > 0 && s.minSimilarity <= 1))
    throw new ConfigError(
      `campaigns.minSimilarity: ${s.minSimilarity} is not a share above 0 and at most 1.`,
    );
  return s;
}
