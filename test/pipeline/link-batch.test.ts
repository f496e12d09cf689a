import { afterAll, describe, expect, it } from 'vitest';
import { StoredFingerprinter, type CampaignAd } from '../../classifiers/index.js';
import type { Store } from '../../store/index.js';
import {
  createLinkProcessor,
  jobIds,
  linkAd,
  linkAds,
  type LinkRequest,
} from '../../workers/index.js';
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
import { startAlerts } from '../alerts/alerts.helpers.js';
import { testClassification } from '../helpers/seed.js';
import { must, openTestStore, testConfig } from '../helpers/services.js';

/** Three campaigns with several variants each (so a batch links its ads to each other), and more. */
const ADS: CampaignAd[] = [
  { id: 'ru-1', text: RU_OFFER },
  { id: 'ru-2', text: RU_OFFER_TRANSLIT },
  { id: 'ru-3', text: withEmoji(rotated(RU_OFFER)), title: 'Стамбул' },
  { id: 'ru-4', text: withLookAlikes(reordered(RU_OFFER)) },
  { id: 'hy-1', text: HY_OFFER },
  { id: 'hy-2', text: HY_OFFER_TRANSLIT },
  { id: 'hy-3', text: rotated(HY_OFFER) },
  { id: 'hy-4', text: withEmoji(HY_OFFER) },
  { id: 'en-1', text: EN_OFFER },
  { id: 'en-2', text: reordered(withEmoji(EN_OFFER)) },
  { id: 'en-3', text: EN_OFFER },
  { id: 'en-4', text: rotated(EN_OFFER) },
  ...employerAds(),
  borrowingAd(),
];

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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const fingerprinter = new StoredFingerprinter();
const stores: Store[] = [];

afterAll(async () => {
  for (const store of stores) {
    await store.dropDatabase();
    await store.close();
  }
});

/** A database of its own with the ads stored and classified; their link requests by test id. */
async function seeded(): Promise<{ store: Store; requests: Map<string, LinkRequest> }> {
  const store = await openTestStore(testConfig());
  stores.push(store);
  const requests = new Map<string, LinkRequest>();
  for (const [i, ad] of ADS.entries()) requests.set(ad.id, await save(store, ad, i));
  return { store, requests };
}

async function save(store: Store, ad: CampaignAd, i: number, body = ad.text) {
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
  return { adId: saved.adId, contentHash: saved.contentHash };
}

/** What linking leaves: each ad's campaign, links and pending mark, and the campaign records. */
async function linkingState(store: Store, requests: Map<string, LinkRequest>) {
  const ads: Record<string, unknown> = {};
  for (const [testId, { adId }] of requests) {
    const ad = must(await store.ads.findById(adId), testId);
    ads[testId] = {
      campaign: ad.campaignId ?? null,
      linkedTo: ad.link?.linkedTo ?? null,
      pending: ad.link?.pending ?? null,
    };
  }
  const campaigns = (await store.campaigns.list(1_000))
    .map(({ createdAt: _created, updatedAt: _updated, ...figures }) => figures)
    .sort((a, b) => (a._id < b._id ? -1 : 1));
  return { ads, campaigns };
}

/** A store whose `method` of the campaigns repository does its work, then fails: a kill. */
function killedAfter(store: Store, method: keyof Store['campaigns']): Store {
  const campaigns = new Proxy(store.campaigns, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (name !== method) return bound;
      return async (...args: unknown[]) => {
        await bound(...args);
        throw new Error(`killed after ${String(method)}`);
      };
    },
  });
  const broken = Object.create(store) as Store;
  Object.defineProperty(broken, 'campaigns', { value: campaigns });
  return broken;
}

/** Links the ads with these test ids one at a time, in this order. */
async function oneAtATime(store: Store, requests: Map<string, LinkRequest>, ids: string[]) {
  for (const id of ids) {
    const { adId, contentHash } = must(requests.get(id), id);
    must(await linkAd(store, fingerprinter, adId, contentHash), `link ${id}`);
  }
}

const requestsOf = (requests: Map<string, LinkRequest>, ids: string[]): LinkRequest[] =>
  ids.map((id) => must(requests.get(id), id));

describe('linking ads in batches', () => {
  it('gives the campaigns, links and records of linking one at a time, whatever the batch size', async () => {
    for (const seed of [3, 11]) {
      const order = shuffled(
        ADS.map((ad) => ad.id),
        seed,
      );
      const one = await seeded();
      await oneAtATime(one.store, one.requests, order);
      const expected = await linkingState(one.store, one.requests);
      // Three campaigns of at least three ads, each linked together inside the batches below.
      expect(expected.campaigns.filter((c) => c.adCount >= 3)).toHaveLength(3);
      for (const size of [ADS.length, 7, 2]) {
        const batched = await seeded();
        for (const part of chunks(order, size)) {
          const outcomes = await linkAds(
            batched.store,
            fingerprinter,
            requestsOf(batched.requests, part),
          );
          expect(outcomes.every((o) => o !== null && !o.unchanged)).toBe(true);
        }
        expect(
          await linkingState(batched.store, batched.requests),
          `order ${seed}, batches of ${size}`,
        ).toEqual(expected);
      }
    }
  });

  it('renames and merges stored campaigns when a batch brings their earlier ads', async () => {
    // The later ads first, one at a time: campaigns named after them; then the earlier ones.
    const later = ADS.filter((_, i) => i % 2 === 1).map((ad) => ad.id);
    const earlier = ADS.filter((_, i) => i % 2 === 0).map((ad) => ad.id);
    const one = await seeded();
    await oneAtATime(one.store, one.requests, [...later, ...earlier]);
    const batched = await seeded();
    await oneAtATime(batched.store, batched.requests, later);
    const before = new Set((await batched.store.campaigns.list(1_000)).map((c) => c._id));
    await linkAds(batched.store, fingerprinter, requestsOf(batched.requests, earlier));
    const after = await linkingState(batched.store, batched.requests);
    expect(after).toEqual(await linkingState(one.store, one.requests));
    // Some campaign got a new name (an earlier ad joined it) and its old record is gone.
    expect(after.campaigns.some((c) => !before.has(c._id))).toBe(true);
    expect([...before].some((id) => !after.campaigns.some((c) => c._id === id))).toBe(true);
  });

  it('links an ad whose text changed in its place among new ads, as one at a time', async () => {
    const held = ['ru-3', 'hy-4', 'en-4'];
    const first = ADS.map((ad) => ad.id).filter((id) => !held.includes(id));
    const run = async (batch: boolean) => {
      const s = await seeded();
      await oneAtATime(s.store, s.requests, first);
      // ru-1 is edited into the Armenian offer: it leaves its campaign and joins the Armenian one.
      s.requests.set('ru-1', await save(s.store, must(ADS[0], 'ru-1'), 0, HY_OFFER));
      const order = ['ru-3', 'ru-1', 'hy-4', 'en-4'];
      if (batch) await linkAds(s.store, fingerprinter, requestsOf(s.requests, order));
      else await oneAtATime(s.store, s.requests, order);
      return linkingState(s.store, s.requests);
    };
    const expected = await run(false);
    const ads = expected.ads as Record<string, { campaign: string | null }>;
    expect(ads['ru-1']?.campaign).toBe(ads['hy-1']?.campaign);
    expect(await run(true)).toEqual(expected);
  });

  it('completes a batch cut short after any of its writes when its jobs run again', async () => {
    const later = ADS.filter((_, i) => i % 2 === 1).map((ad) => ad.id);
    const earlier = ADS.filter((_, i) => i % 2 === 0).map((ad) => ad.id);
    const one = await seeded();
    await oneAtATime(one.store, one.requests, [...later, ...earlier]);
    const expected = await linkingState(one.store, one.requests);
    const steps = ['saveLinks', 'move', 'refresh', 'clearPending'] as const;
    for (const step of steps) {
      for (const retry of ['the same batch', 'each job on its own, last first'] as const) {
        const s = await seeded();
        await oneAtATime(s.store, s.requests, later);
        const batch = requestsOf(s.requests, earlier);
        await expect(linkAds(killedAfter(s.store, step), fingerprinter, batch)).rejects.toThrow(
          `killed after ${step}`,
        );
        const cut = await linkingState(s.store, s.requests);
        // Cut short before its last write, the batch's ads that joined campaigns are pending.
        expect(
          Object.values(cut.ads).some((ad) => (ad as { pending: unknown }).pending),
          step,
        ).toBe(step !== 'clearPending');
        if (retry === 'the same batch') {
          const outcomes = await linkAds(s.store, fingerprinter, batch);
          expect(outcomes.every((o) => o !== null)).toBe(true);
        } else {
          for (const request of [...batch].reverse())
            must(await linkAd(s.store, fingerprinter, request.adId, request.contentHash), 'retry');
        }
        expect(await linkingState(s.store, s.requests), `killed after ${step}, ${retry}`).toEqual(
          expected,
        );
      }
    }
  });

  it('completes a relinking cut short after any of its writes when its job runs again', async () => {
    for (const step of ['dropLinksTo', 'saveLinks', 'move', 'refresh'] as const) {
      const runs = await Promise.all([seeded(), seeded()]);
      for (const s of runs) {
        await oneAtATime(
          s.store,
          s.requests,
          ADS.map((ad) => ad.id),
        );
        s.requests.set('ru-1', await save(s.store, must(ADS[0], 'ru-1'), 0, HY_OFFER));
      }
      const [one, cut] = runs.map((s) => must(s, 'run'));
      const request = must(one.requests.get('ru-1'), 'ru-1');
      must(await linkAd(one.store, fingerprinter, request.adId, request.contentHash), 'relink');
      await expect(
        linkAd(killedAfter(cut.store, step), fingerprinter, request.adId, request.contentHash),
      ).rejects.toThrow(`killed after ${step}`);
      must(await linkAd(cut.store, fingerprinter, request.adId, request.contentHash), 'retried');
      expect(await linkingState(cut.store, cut.requests), `killed after ${step}`).toEqual(
        await linkingState(one.store, one.requests),
      );
    }
  });
});

describe('the link worker', () => {
  it('links the ads of the link jobs waiting behind its job and removes those jobs', async () => {
    const f = await startAlerts();
    try {
      const requests = new Map<string, LinkRequest>();
      for (const [i, ad] of ADS.entries()) requests.set(ad.id, await save(f.store, ad, i));
      const one = await seeded();
      await oneAtATime(
        one.store,
        one.requests,
        ADS.map((ad) => ad.id),
      );
      for (const { adId, contentHash } of requests.values())
        await f.queues.addLink(adId, contentHash);
      const [job, ...behind] = await f.queues.link.getWaiting(0, -1);
      expect(behind.length).toBe(ADS.length - 1);
      const result = await createLinkProcessor(f.context)(must(job, 'first job'));
      expect(result).toMatchObject({ ads: ADS.length, unchanged: 0, jobs: ADS.length });
      // Only the job the worker was given is left: the ones it took are gone.
      expect((await f.queues.link.getWaiting(0, -1)).map((j) => j.id)).toEqual([job?.id]);
      expect(job?.id).toBe(
        jobIds.link(
          must(requests.get('ru-1'), 'ru-1').adId,
          must(requests.get('ru-1'), 'ru-1').contentHash,
        ),
      );
      expect(await linkingState(f.store, requests)).toEqual(
        await linkingState(one.store, one.requests),
      );
    } finally {
      await f.close();
    }
  });
});
