import { describe, expect, it } from 'vitest';
import { CampaignIndex, clusterAds } from '../../../classifiers/index.js';
import type { CampaignAd } from '../../../classifiers/index.js';
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
} from './campaign-ads.fixture.js';

/** The campaigns of `ads` added in order: each ad's campaign, by id. */
function campaignsOf(ads: readonly CampaignAd[], index = new CampaignIndex()): (string | null)[] {
  for (const ad of ads) index.add(ad);
  return ads.map((ad) => index.campaignOf(ad.id));
}

const VARIANTS: [string, string, string][] = [
  ['its contacts and numbers rotated', RU_OFFER, rotated(RU_OFFER)],
  ['its sentences in another order', HY_OFFER, reordered(HY_OFFER)],
  ['it typed in translit (Russian)', RU_OFFER, RU_OFFER_TRANSLIT],
  ['it typed in translit (Armenian)', HY_OFFER, HY_OFFER_TRANSLIT],
  ['look-alike letters of another script', RU_OFFER, withLookAlikes(RU_OFFER)],
  ['emoji as bullets and inside words', EN_OFFER, withEmoji(EN_OFFER)],
  ['all of these at once', RU_OFFER, withEmoji(reordered(rotated(RU_OFFER_TRANSLIT)))],
];

describe('CampaignIndex', () => {
  it.each(VARIANTS)('links an ad to a copy with %s', (_, text, variant) => {
    const [a, b] = campaignsOf([
      { id: 'a', text },
      { id: 'b', text: variant },
    ]);
    expect(a).toMatch(/^c-[0-9a-f]{12}$/u);
    expect(b).toBe(a);
  });

  it('links an ad reposted under another title', () => {
    const [a, b] = campaignsOf([
      { id: 'a', title: 'Официантки в Стамбул', text: RU_OFFER },
      { id: 'b', title: 'Работа в Турции для девушек, вылет сразу', text: rotated(RU_OFFER) },
    ]);
    expect(b).toBe(a);
    expect(a).not.toBeNull();
  });

  it('keeps different offers apart, even in one language and with one phone', () => {
    const campaigns = campaignsOf([
      { id: 'ru', text: RU_OFFER },
      { id: 'hy', text: HY_OFFER },
      { id: 'en', text: EN_OFFER },
      {
        id: 'drivers',
        text: [
          'Требуются водители на грузовики в Польшу, зарплата от 2000 евро в месяц.',
          'Перелёт за счёт работодателя, проживание в общежитии.',
          'Пишите в WhatsApp +7 915 123-45-67 или в телеграм @istanbul_job.',
        ].join('\n'),
      },
    ]);
    expect(campaigns).toEqual([null, null, null, null]);
  });

  it('keeps the jobs of one employer apart when they share only its company description', () => {
    expect(campaignsOf(employerAds())).toEqual([null, null, null]);
  });

  it('keeps a risky ad that copies a company description apart from that company', () => {
    expect(campaignsOf([...employerAds(), borrowingAd()])).toEqual([null, null, null, null]);
  });

  it('links a short post only to an exact copy after slot-filling', () => {
    const campaigns = campaignsOf([
      { id: 'a', text: 'Работа в Дубае для девушек. Пиши +971 50 123 4567' },
      { id: 'b', text: 'Работа в Дубае для девушек! Пиши 8 (999) 765-43-21' },
      { id: 'c', text: 'Работа в Дубае для парней. Пиши +971 50 123 4567' },
    ]);
    expect(campaigns[0]).not.toBeNull();
    expect(campaigns[1]).toBe(campaigns[0]);
    expect(campaigns[2]).toBeNull();
  });

  it('returns the normalised contacts of each ad as it is added', () => {
    const index = new CampaignIndex();
    expect(index.add({ id: 'a', text: RU_OFFER })).toEqual({
      campaign: null,
      contacts: ['tel:+79151234567', 'telegram:istanbul_job'],
    });
    expect(index.add({ id: 'b', text: EN_OFFER }).contacts).toEqual([
      'email:jobs.pay@mail.com',
      'telegram:pay_manager',
    ]);
    expect(index.add({ id: 'c', text: HY_OFFER }).contacts).toEqual([
      'tel:+37494551290',
      'telegram:germany_work',
    ]);
  });

  it('names a campaign after its earliest ad, by postedAt and then by id', () => {
    const index = new CampaignIndex();
    index.add({ id: 'z', text: RU_OFFER, postedAt: '2024-05-03T00:00:00Z' });
    const first = index.add({ id: 'y', text: rotated(RU_OFFER), postedAt: Date.UTC(2024, 4, 2) });
    const earlier = index.add({
      id: 'x',
      text: RU_OFFER_TRANSLIT,
      postedAt: new Date(Date.UTC(2024, 4, 1)),
    });
    expect(first.campaign).not.toBe(earlier.campaign);
    expect(index.members(earlier.campaign ?? '')).toEqual(['x', 'y', 'z']);
    expect(index.campaignOf('z')).toBe(earlier.campaign);
    expect(index.campaigns()).toEqual([earlier.campaign]);
    // Undated ads come after dated ones; among them the smaller id is earlier.
    const undated = new CampaignIndex();
    undated.add({ id: 'b', text: HY_OFFER });
    undated.add({ id: 'a', text: HY_OFFER_TRANSLIT });
    undated.add({ id: 'c', text: reordered(HY_OFFER), postedAt: 'not a date' });
    expect(undated.members(undated.campaignOf('c') ?? '')).toEqual(['a', 'b', 'c']);
  });

  it('adds an id only once', () => {
    const index = new CampaignIndex();
    index.add({ id: 'a', text: RU_OFFER });
    const again = index.add({ id: 'a', text: EN_OFFER });
    expect(again).toEqual({
      campaign: null,
      contacts: ['email:jobs.pay@mail.com', 'telegram:pay_manager'],
    });
    expect(index.size).toBe(1);
    index.add({ id: 'b', text: rotated(RU_OFFER) });
    expect(index.add({ id: 'a', text: RU_OFFER }).campaign).toBe(index.campaignOf('b'));
  });

  it('does not index an ad without words', () => {
    const index = new CampaignIndex();
    expect(index.add({ id: 'a', text: '🔥🔥 +374 94 55 12 90' })).toEqual({
      campaign: null,
      contacts: ['tel:+37494551290'],
    });
    expect(index.add({ id: 'b', text: '' }).campaign).toBeNull();
    expect(index.size).toBe(0);
  });

  it('keeps at most maxAds ads, the oldest leaving with the campaign it had', () => {
    const left: [string, string | null][] = [];
    const index = new CampaignIndex({ maxAds: 4, onEvict: (id, c) => left.push([id, c]) });
    index.add({ id: 'r1', text: RU_OFFER });
    index.add({ id: 'r2', text: RU_OFFER_TRANSLIT });
    index.add({ id: 'h1', text: HY_OFFER });
    index.add({ id: 'e1', text: EN_OFFER });
    const campaign = index.campaignOf('r1');
    expect(campaign).not.toBeNull();
    // r1 leaves; the new variant still joins the campaign through r2.
    expect(index.add({ id: 'r3', text: rotated(RU_OFFER) }).campaign).toBe(campaign);
    expect(left).toEqual([['r1', campaign]]);
    expect(index.size).toBe(4);
    expect(index.has('r1')).toBe(false);
    expect(index.campaignOf('r1')).toBeNull();
    expect(index.members(campaign ?? '')).toEqual(['r2', 'r3']);
  });

  it('keeps linking exact copies after the original has left the index', () => {
    const index = new CampaignIndex({ maxAds: 3 });
    index.add({ id: 'a', text: RU_OFFER });
    index.add({ id: 'b', text: rotated(RU_OFFER) }); // an exact copy after slot-filling
    index.add({ id: 'c', text: EN_OFFER });
    const campaign = index.campaignOf('a');
    // d evicts a; b, indexed in its place, links d.
    expect(index.add({ id: 'd', text: rotated(rotated(RU_OFFER)) }).campaign).toBe(campaign);
    expect(index.members(campaign ?? '')).toEqual(['b', 'd']);
  });

  it('grows its arrays as ads come and reports their bytes', () => {
    const index = new CampaignIndex({ maxAds: 1_000 });
    for (let i = 0; i < 300; i++) index.add({ id: `a${i}`, text: `${EN_OFFER}\nRef ${i}` });
    const stats = index.stats();
    expect(stats.ads).toBe(300);
    expect(stats.campaigns).toBe(1);
    expect(stats.arrayBytes / stats.ads).toBeGreaterThan(100);
    expect(stats.arrayBytes / stats.ads).toBeLessThan(5_000);
  });

  it('rejects a maxAds that is not a positive whole number', () => {
    expect(() => new CampaignIndex({ maxAds: 0 })).toThrow(/maxAds: 0/u);
  });
});

/** A deterministic shuffle (a linear congruential generator), so a failure can be replayed. */
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

describe('incremental linking', () => {
  const ads: CampaignAd[] = [
    { id: 'ru-1', text: RU_OFFER, postedAt: '2024-05-02' },
    { id: 'ru-2', text: RU_OFFER_TRANSLIT },
    { id: 'ru-3', text: withEmoji(rotated(RU_OFFER)), title: 'Стамбул' },
    { id: 'ru-4', text: withLookAlikes(reordered(RU_OFFER)) },
    { id: 'hy-1', text: HY_OFFER },
    { id: 'hy-2', text: HY_OFFER_TRANSLIT, postedAt: '2024-04-30' },
    { id: 'hy-3', text: rotated(HY_OFFER) },
    { id: 'en-1', text: EN_OFFER },
    { id: 'en-2', text: reordered(withEmoji(EN_OFFER)) },
    ...employerAds(),
    borrowingAd(),
    // Exact copies, which take the index's shortcut.
    { id: 'en-3', text: EN_OFFER },
    { id: 'hy-4', text: rotated(rotated(HY_OFFER)) },
  ];

  it('gives the same campaigns as a batch run, in any order', () => {
    const batch = clusterAds(ads);
    expect(new Set(batch.values()).size).toBe(4); // three campaigns and null
    for (let seed = 1; seed <= 25; seed++) {
      const order = shuffled(ads, seed);
      const index = new CampaignIndex();
      for (const ad of order) index.add(ad);
      for (const ad of ads)
        expect(index.campaignOf(ad.id), `seed ${seed}, ${ad.id}`).toBe(batch.get(ad.id));
    }
  });

  it('gives the same campaigns with narrow bands, where more pairs are compared', () => {
    const settings = { numHashes: 64, bands: 64 };
    const batch = clusterAds(ads, settings);
    const index = new CampaignIndex(settings);
    for (const ad of shuffled(ads, 99)) index.add(ad);
    for (const ad of ads) expect(index.campaignOf(ad.id)).toBe(batch.get(ad.id));
  });
});
