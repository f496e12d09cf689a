import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredFingerprinter } from '../../classifiers/index.js';
import { linkAd } from '../../workers/index.js';
import { EN_OFFER, HY_OFFER, reordered } from '../classifiers/campaigns/campaign-ads.fixture.js';
import { must } from '../helpers/services.js';
import {
  login,
  seedAd,
  startDashboard,
  type Client,
  type DashboardFixture,
} from './dashboard.fixture.js';
import type { AdSummary as Row } from '../../dashboard/contract/ads.contract.js';
import type { CampaignDetail as CampaignResponse } from '../../dashboard/contract/campaigns.contract.js';

describe('campaign routes and the grouped triage queue', () => {
  let f: DashboardFixture;
  let analyst: Client;
  let campaign: string;
  const offer: string[] = [];
  let lone: string;

  beforeAll(async () => {
    f = await startDashboard();
    analyst = await login(f.app, 'analyst');
    // One offer posted four times on two venues (reordered, rotated number), an unrelated ad.
    const variants = [
      EN_OFFER,
      reordered(EN_OFFER),
      EN_OFFER.replace('8 percent', '9 percent'),
      EN_OFFER,
    ];
    for (const [i, body] of variants.entries()) {
      offer.push(
        await seedAd(f.store, {
          url: `https://x.test/offer/${i}`,
          title: i === 1 ? 'Payment assistant' : 'Remote job',
          body,
          score: 70 + i * 5,
          flagged: i !== 2,
          sourceId: i % 2 === 0 ? 'demo-jobs' : 'tg-channel',
          firstSeenAt: new Date(Date.UTC(2026, 0, 1 + i)),
        }),
      );
    }
    lone = await seedAd(f.store, {
      url: 'https://x.test/other',
      title: 'Hotel cleaners',
      body: HY_OFFER,
      score: 95,
      firstSeenAt: new Date('2026-01-09T00:00:00Z'),
    });
    const fingerprinter = new StoredFingerprinter();
    for (const id of [...offer, lone]) {
      const ad = must(await f.store.ads.findById(id), id);
      await linkAd(f.store, fingerprinter, id, ad.contentHash);
    }
    campaign = must(await f.store.ads.findById(must(offer[0], 'first')), 'ad').campaignId ?? '';
  });

  afterAll(async () => {
    await f.close();
  });

  it('answers 401 without a session and 404 for an unknown campaign, 400 for a malformed id', async () => {
    for (const [method, url] of [
      ['GET', '/api/campaigns'],
      ['GET', `/api/campaigns/${campaign}`],
      ['POST', `/api/campaigns/${campaign}/review`],
    ] as const) {
      const response = await f.app.inject({ method, url, payload: {} });
      expect(response.statusCode, url).toBe(401);
    }
    expect((await analyst.get('/api/campaigns/c-000000000000')).statusCode).toBe(404);
    expect((await analyst.get('/api/campaigns/nonsense')).statusCode).toBe(400);
  });

  it('shows a campaign: its ads earliest first, sources, statuses and template, audited', async () => {
    expect(campaign).toMatch(/^c-[0-9a-f]{12}$/u);
    const response = await analyst.get(`/api/campaigns/${campaign}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<CampaignResponse>();
    expect(body).toMatchObject({
      id: campaign,
      adCount: 4,
      flaggedCount: 3,
      minScore: 70,
      maxScore: 85,
      sources: ['demo-jobs', 'tg-channel'],
      statuses: { new: 4 },
    });
    expect(body.ads.map((a) => a.id)).toEqual(offer);
    expect(body.template.adId).toBe(offer[0]);
    expect(body.template.parts.map((p) => p.text).join('')).toContain('payment assistants');
    expect(body.template.parts.some((p) => p.kind === 'slot')).toBe(true);
    const trail = (await f.store.audit.list({ actor: 'analyst' }, null, 20)).items;
    expect(trail.some((e) => e.action === 'campaign_view')).toBe(true);
  });

  it('puts a campaign under one row of the triage queue, with the count of its matching ads', async () => {
    const grouped = (await analyst.get('/api/ads?group=campaign')).json<{ items: Row[] }>();
    // The campaign's riskiest flagged ad leads its row; the lone ad has a row of its own.
    expect(grouped.items.map((r) => r.id)).toEqual([lone, offer[3]]);
    expect(grouped.items[1]).toMatchObject({ campaignId: campaign, group: { count: 3, open: 3 } });
    expect(grouped.items[0]).toMatchObject({ campaignId: null, group: { count: 1 } });
    // Filters apply before grouping: above 80 only one ad of the campaign is left.
    const high = (await analyst.get('/api/ads?group=campaign&minScore=80')).json<{
      items: Row[];
    }>();
    expect(high.items.find((r) => r.campaignId === campaign)?.group?.count).toBe(1);
    // Expanding a row lists the campaign's ads in queue order; ungrouped, every ad is a row.
    const expanded = (await analyst.get(`/api/ads?campaign=${campaign}`)).json<{ items: Row[] }>();
    expect(expanded.items.map((r) => r.id)).toEqual([offer[3], offer[1], offer[0]]);
    const flat = (await analyst.get('/api/ads')).json<{ items: Row[] }>();
    expect(flat.items).toHaveLength(4);
  });

  it('pages grouped rows with a cursor', async () => {
    const first = (await analyst.get('/api/ads?group=campaign&limit=1')).json<{
      items: Row[];
      nextCursor: string | null;
    }>();
    expect(first.items.map((r) => r.id)).toEqual([lone]);
    const next = (
      await analyst.get(`/api/ads?group=campaign&limit=1&cursor=${must(first.nextCursor)}`)
    ).json<{ items: Row[]; nextCursor: string | null }>();
    expect(next.items.map((r) => r.id)).toEqual([offer[3]]);
    expect(next.nextCursor).toBeNull();
  });

  it('applies a decision to the undecided flagged ads of a campaign, each in its history and audit', async () => {
    // One ad was already dismissed by someone: a campaign decision leaves it as it is.
    const decided = must(offer[1], 'second ad');
    const ad = must(await f.store.ads.findById(decided), 'ad');
    const dismissed = await analyst.post(`/api/ads/${decided}/status`, {
      status: 'dismissed',
      version: ad.review.version,
      reason: 'duplicate',
    });
    expect(dismissed.statusCode).toBe(200);
    const noReason = await analyst.post(`/api/campaigns/${campaign}/review`, {
      action: 'status',
      status: 'dismissed',
    });
    expect(noReason.statusCode).toBe(422);
    const response = await analyst.post(`/api/campaigns/${campaign}/review`, {
      action: 'status',
      status: 'escalated',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ updated: 2, skipped: [] });
    const statuses = await Promise.all(
      offer.map(async (id) => (await f.store.ads.findById(id))?.review.status),
    );
    // The unflagged variant is not in the queue and is not decided for.
    expect(statuses).toEqual(['escalated', 'dismissed', 'new', 'escalated']);
    const trail = (await f.store.audit.list({ actor: 'analyst' }, null, 50)).items;
    const perAd = trail.filter((e) => e.action === 'campaign_status');
    expect(perAd.map((e) => e.target?.adId).sort()).toEqual([offer[0], offer[3]].sort());
    expect(perAd.every((e) => e.target?.campaignId === campaign)).toBe(true);
    const history = await f.store.reviews.history(must(offer[0], 'first'));
    expect(history.some((h) => h.action === 'status' && h.to === 'escalated')).toBe(true);
  });
});
