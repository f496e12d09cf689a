import { describe, expect, it } from 'vitest';
import { campaignSettings, DEFAULT_CAMPAIGN_SETTINGS } from '../../../classifiers/index.js';

describe('campaignSettings', () => {
  it('fills the defaults in', () => {
    expect(campaignSettings({ minSimilarity: 0.6 })).toEqual({
      ...DEFAULT_CAMPAIGN_SETTINGS,
      minSimilarity: 0.6,
    });
  });

  it.each([
    [{ bands: 5 }, /bands: 5 does not divide numHashes 72/u],
    [{ shingleWords: 0 }, /shingleWords: 0 is not a whole number from 1 to 8/u],
    [{ minSimilarity: 1.5 }, /minSimilarity: 1.5 is not a share/u],
    [{ maxOwnSentences: -1 }, /maxOwnSentences: -1/u],
  ])('names a wrong value: %o', (overrides, message) => {
    expect(() => campaignSettings(overrides)).toThrow(message);
  });
});
