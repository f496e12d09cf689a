import { Fingerprinter, sameTemplate } from './ad.fingerprint.js';
import { campaignIdOf, isBefore } from './campaign.components.js';
import type { AdOrder } from './campaign.components.js';
import type { CampaignAd } from './campaign.linker.js';
import { timeOf } from './campaign.linker.js';
import { campaignSettings } from './campaign.settings.js';
import type { CampaignSettings } from './campaign.settings.js';
import { LshTable } from './lsh.table.js';

/**
 * Campaigns of a whole set of ads at once, the plain way: every pair of ads that shares an LSH
 * bucket is tested, linked pairs are joined by union-find, and each group of two or more ads is
 * named after its earliest ad. This is what {@link CampaignIndex} computes incrementally (a test
 * checks they agree on shuffled inputs); use it to re-cluster a stored set. Quadratic in the size
 * of a bucket. Returns each ad's campaign, or null, by id (the first ad of a repeated id counts).
 */
export function clusterAds(
  ads: readonly CampaignAd[],
  overrides: Partial<CampaignSettings> = {},
): Map<string, string | null> {
  const s = campaignSettings(overrides);
  const fingerprinter = new Fingerprinter(s);
  const ids = new Set<string>();
  const unique = ads.filter((ad) => !ids.has(ad.id) && ids.add(ad.id));
  const prints = unique.map((ad) => fingerprinter.fingerprint(ad));
  const lsh = new LshTable(s.bands, s.numHashes, 1, s.seed);
  const keys = new Uint32Array(s.bands);
  const buckets = new Map<string, number[]>();
  prints.forEach((fp, i) => {
    if (fp.hashes.length === 0) return;
    lsh.bandKeys(fp.signature, keys);
    keys.forEach((key, band) => {
      const bucket = `${band}:${key}`;
      const members = buckets.get(bucket);
      if (members === undefined) buckets.set(bucket, [i]);
      else members.push(i);
    });
  });
  const parent = unique.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (const members of buckets.values())
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        if (sameTemplate(s, prints[members[x]], prints[members[y]]))
          parent[root(members[x])] = root(members[y]);
      }
  const groups = new Map<number, AdOrder[]>();
  unique.forEach((ad, i) => {
    const group = groups.get(root(i)) ?? [];
    group.push({ time: timeOf(ad.postedAt), id: ad.id });
    groups.set(root(i), group);
  });
  const result = new Map<string, string | null>();
  for (const group of groups.values()) {
    const earliest = group.reduce((a, b) => (isBefore(b, a) ? b : a));
    const campaign = group.length >= 2 ? campaignIdOf(earliest.id) : null;
    for (const order of group) result.set(order.id, campaign);
  }
  return result;
}
