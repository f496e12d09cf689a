import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clusterAds, StoredFingerprinter } from '../../classifiers/index.js';
import type { CampaignAd } from '../../classifiers/index.js';
import type { Store } from '../../store/index.js';
import { linkAd } from '../../workers/index.js';
import {
  borrowingAd,
  EN_OFFER,
  employerAds,
  HY_OFFER,
  HY_OFFER_TRANSLIT,
  reordered,
  rotated,
  RU_OFFER,
  RU_OFFER_TRANSLIT,
  withEmoji,
  withLookAlikes,
} from '../classifiers/campaigns/campaign-ads.fixture.js';
import { testClassification } from '../helpers/seed.js';
import { must, openTestStore, testConfig } from '../helpers/services.js';

/** Ads of three campaigns, an employer's jobs and a risky ad copying its description. */
const ADS: CampaignAd[] = [
  { id: 'ru-1', text: RU_OFFER },
  { id: 'ru-2', text: RU_OFFER_TRANSLIT },
  { id: 'ru-3', text: withEmoji(rotated(RU_OFFER)), title: 'Стамбул' },
  { id: 'ru-4', text: withLookAlikes(reordered(RU_OFFER)) },
  { id: 'hy-1', text: HY_OFFER },
  { id: 'hy-2', text: HY_OFFER_TRANSLIT },
  { id: 'hy-3', text: rotated(HY_OFFER) },
  { id: 'en-1', text: EN_OFFER },
  { id: 'en-2', text: reordered(withEmoji(EN_OFFER)) },
  { id: 'en-3', text: EN_OFFER },
  ...employerAds(),
  borrowingAd(),
];

/** A fixed day for each test ad, so that the earliest ad (and the campaign's name) is known. */
const seenAt = (i: number): Date => new Date(Date.UTC(2026, 0, 1 + i));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('campaign linking in the store', () => {
  let store: Store;
  let config = testConfig();
  const fingerprinter = new StoredFingerprinter();
  /** Store ad id of each test ad, and back. */
  const storeIds = new Map<string, string>();
  const testIds = new Map<string, string>();

  /** A database of its own for each test (and each order in the order test). */
  async function freshStore(): Promise<void> {
    if (store) {
      await store.dropDatabase();
      await store.close();
    }
    config = testConfig();
    store = await openTestStore(config);
    storeIds.clear();
    testIds.clear();
  }

  beforeEach(freshStore);

  afterAll(async () => {
    await store.dropDatabase();
    await store.close();
  });

  async function saveAd(ad: CampaignAd, i: number, body = ad.text): Promise<string> {
    const saved = await store.ads.saveExtracted({
      sourceId: i % 2 === 0 ? 'board' : 'channel',
      url: `https://jobs.example.am/ads/${ad.id}`,
      ad: { title: ad.title ?? '', body },
      seenAt: seenAt(i),
    });
    await store.ads.saveClassification(
      saved.adId,
      testClassification(saved.contentHash, 40 + (i % 5) * 10),
    );
    storeIds.set(ad.id, saved.adId);
    testIds.set(saved.adId, ad.id);
    return saved.contentHash;
  }

  async function link(ad: CampaignAd): Promise<void> {
    const id = must(storeIds.get(ad.id), ad.id);
    const stored = must(await store.ads.findById(id), ad.id);
    must(await linkAd(store, fingerprinter, id, stored.contentHash), `link ${ad.id}`);
  }

  async function campaignsById(): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (const [testId, adId] of storeIds)
      out.set(testId, (await store.ads.findById(adId))?.campaignId ?? null);
    return out;
  }

  /** The batch clustering of the same texts under the store's ad ids and dates. */
  function batch(): Map<string, string | null> {
    const ads = ADS.map((ad, i) => ({
      ...ad,
      id: must(storeIds.get(ad.id), ad.id),
      postedAt: seenAt(i),
    }));
    const result = clusterAds(ads);
    return new Map([...result].map(([id, c]) => [must(testIds.get(id), id), c]));
  }

  it('gives the campaigns of a batch run, whatever order the ads are linked in', async () => {
    for (const seed of [1, 7, 42]) {
      await freshStore();
      for (const [i, ad] of ADS.entries()) await saveAd(ad, i);
      const expected = batch();
      expect(new Set(expected.values()).size).toBe(4); // three campaigns and null
      for (const ad of shuffled(ADS, seed)) await link(ad);
      expect(await campaignsById(), `order ${seed}`).toEqual(expected);
    }
  });

  it('keeps campaign records that match their ads', async () => {
    for (const [i, ad] of ADS.entries()) await saveAd(ad, i);
    for (const ad of ADS) await link(ad);
    const ru = must((await campaignsById()).get('ru-1'), 'ru campaign');
    const record = must(await store.campaigns.findById(ru), 'record');
    expect(record).toMatchObject({
      firstAdId: storeIds.get('ru-1'),
      firstAt: seenAt(0).getTime(),
      adCount: 4,
      firstSeen: seenAt(0),
      lastSeen: seenAt(3),
      sources: ['board', 'channel'],
    });
    expect(record.minScore).toBeLessThanOrEqual(record.maxScore);
    // One record per campaign, none for ads in no campaign.
    expect(await store.campaigns.count()).toBe(3);
    const members = await store.campaigns.adsOf(ru);
    expect(members.map((m) => testIds.get(m._id))).toEqual(['ru-1', 'ru-2', 'ru-3', 'ru-4']);
  });

  it('changes nothing when the same text is linked again', async () => {
    for (const [i, ad] of ADS.entries()) await saveAd(ad, i);
    for (const ad of ADS) await link(ad);
    const before = await campaignsById();
    const id = must(storeIds.get('ru-2'), 'ru-2');
    const hash = must(await store.ads.findById(id), 'ad').contentHash;
    expect(await linkAd(store, fingerprinter, id, hash)).toMatchObject({ unchanged: true });
    expect(await campaignsById()).toEqual(before);
    // A stale job (the text changed since) does nothing at all.
    expect(await linkAd(store, fingerprinter, id, 'f'.repeat(64))).toBeNull();
  });

  it('renames a campaign when an earlier ad joins it, and drops the old record', async () => {
    const ads = ADS.filter((ad) => ad.id.startsWith('hy-'));
    for (const [i, ad] of ads.entries()) await saveAd(ad, i + 1);
    for (const ad of ads.slice(1)) await link(ad);
    const later = must((await campaignsById()).get('hy-2'), 'campaign of the later ads');
    await link(must(ads[0], 'hy-1'));
    const all = await campaignsById();
    expect(all.get('hy-1')).not.toBe(later);
    expect(new Set(all.values())).toEqual(new Set([all.get('hy-1')]));
    expect(await store.campaigns.findById(later)).toBeNull();
    expect(
      must(await store.campaigns.findById(must(all.get('hy-1'), 'new id')), 'new').adCount,
    ).toBe(3);
  });

  it('takes an ad out of its campaign when its text changes into another offer', async () => {
    const ads = ADS.filter((ad) => ad.id.startsWith('ru-'));
    for (const [i, ad] of ads.entries()) await saveAd(ad, i);
    for (const ad of ads) await link(ad);
    const campaign = must((await campaignsById()).get('ru-1'), 'campaign');
    // The first ad is edited into the Armenian offer: the others stay one campaign, renamed
    // after the earliest of them; the edited ad is alone.
    const hash = await saveAd(must(ads[0], 'ru-1'), 0, HY_OFFER);
    must(await linkAd(store, fingerprinter, must(storeIds.get('ru-1'), 'id'), hash), 'relinked');
    const after = await campaignsById();
    expect(after.get('ru-1')).toBeNull();
    const rest = new Set(['ru-2', 'ru-3', 'ru-4'].map((id) => after.get(id)));
    expect(rest.size).toBe(1);
    expect([...rest][0]).toMatch(/^c-/u);
    expect([...rest][0]).not.toBe(campaign);
    expect(await store.campaigns.findById(campaign)).toBeNull();
    expect(must(await store.campaigns.findById(must([...rest][0], 'id')), 'record').adCount).toBe(
      3,
    );
  });
});
