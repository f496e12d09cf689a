import { MongoClient } from 'mongodb';
import { inject } from 'vitest';
import { Collections } from '../../store/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  login,
  seedAd,
  startDashboard,
  type Client,
  type DashboardFixture,
} from './dashboard.fixture.js';
import type { AdPage as Page } from '../../dashboard/contract/ads.contract.js';

describe('triage queue', () => {
  let f: DashboardFixture;
  let analyst: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    f = await startDashboard();
    analyst = await login(f.app, 'analyst');
    const day = (n: number) => new Date(Date.UTC(2026, 0, n));
    ids.high = await seedAd(f.store, {
      url: 'https://x.test/1',
      title: 'Hostess in Dubai',
      score: 95,
      lang: 'en',
      firstSeenAt: day(1),
    });
    ids.tieOld = await seedAd(f.store, {
      url: 'https://x.test/2',
      title: 'Dancer abroad',
      score: 80,
      lang: 'ru',
      firstSeenAt: day(2),
    });
    ids.tieNew = await seedAd(f.store, {
      url: 'https://x.test/3',
      title: 'Waitress Moscow',
      score: 80,
      lang: 'ru',
      firstSeenAt: day(5),
      sourceId: 'other-board',
    });
    ids.phone = await seedAd(f.store, {
      url: 'https://x.test/4',
      title: 'Models wanted',
      body: 'Call +374 94 551290, free visa',
      score: 70,
      lang: 'hy',
      indicators: [{ id: 'free-visa', label: 'Free visa' }],
      facts: {
        phones: [{ e164: '+37494551290' }],
        emails: [{ email: 'Boss@Agency.test' }],
        handles: [{ platform: 'telegram', handle: 'DubaiJobs' }],
      },
      firstSeenAt: day(3),
    });
    ids.samePhone = await seedAd(f.store, {
      url: 'https://x.test/5',
      title: 'Nannies for Europe',
      score: 65,
      facts: {
        phones: [{ e164: '+37494551290' }],
        handles: [{ platform: 'telegram', handle: 'dubaijobs' }],
      },
      firstSeenAt: day(4),
    });
    await seedAd(f.store, {
      url: 'https://x.test/6',
      title: 'Accountant Yerevan',
      score: 20,
      flagged: false,
    });
    await f.store.triage.changeReview(ids.tieOld, 0, { status: 'in_review' }, 'analyst');
  });
  afterAll(async () => {
    await f.close();
  });

  const page = async (query: string): Promise<Page> => {
    const response = await analyst.get(`/api/ads${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Page>();
  };

  it('lists only flagged ads, by score then most recent, with counts per status', async () => {
    const all = await page('');
    expect(all.items.map((a) => a.id)).toEqual([
      ids.high,
      ids.tieNew,
      ids.tieOld,
      ids.phone,
      ids.samePhone,
    ]);
    expect(all.nextCursor).toBeNull();
    expect(all.items[0]?.components).toEqual({ rules: 95, model: 95 });
    expect(all.counts).toEqual({ new: 4, in_review: 1, escalated: 0, confirmed: 0, dismissed: 0 });
  });

  it('pages with an opaque cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Page = await page(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(next.items.length).toBeLessThanOrEqual(2);
      seen.push(...next.items.map((a) => a.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.high, ids.tieNew, ids.tieOld, ids.phone, ids.samePhone]);
    const bad = await analyst.get('/api/ads?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect((await analyst.get('/api/ads?limit=201')).statusCode).toBe(400);
  });

  it('filters by status, score, language, source, indicator, date, contact and text', async () => {
    const status = await page('?status=in_review');
    expect(status.items.map((a) => a.id)).toEqual([ids.tieOld]);
    // Counts ignore the status filter so that the tabs keep their numbers.
    expect(status.counts.new).toBe(4);
    expect((await page('?minScore=70&maxScore=90')).items.map((a) => a.id)).toEqual([
      ids.tieNew,
      ids.tieOld,
      ids.phone,
    ]);
    const ru = await page('?lang=ru');
    expect(ru.items.map((a) => a.id)).toEqual([ids.tieNew, ids.tieOld]);
    expect(ru.counts).toMatchObject({ new: 1, in_review: 1 });
    expect((await page('?source=other-board')).items.map((a) => a.id)).toEqual([ids.tieNew]);
    expect((await page('?indicator=free-visa')).items.map((a) => a.id)).toEqual([ids.phone]);
    expect(
      (await page('?from=2026-01-02T00:00:00Z&to=2026-01-04T00:00:00Z')).items.map((a) => a.id),
    ).toEqual([ids.tieOld, ids.phone, ids.samePhone]);
    expect((await page('?contact=094%2055%2012%2090')).items.map((a) => a.id)).toEqual([
      ids.phone,
      ids.samePhone,
    ]);
    expect((await page('?contact=boss@agency.test')).items.map((a) => a.id)).toEqual([ids.phone]);
    expect((await page('?contact=@DubaiJobs')).items.map((a) => a.id)).toEqual([
      ids.phone,
      ids.samePhone,
    ]);
    expect((await page('?q=dubai')).items.map((a) => a.id)).toEqual([ids.high]);
    expect((await page('?status=new&minScore=60&lang=en')).items.map((a) => a.id)).toEqual([
      ids.high,
      ids.samePhone,
    ]);
  });

  it('shows an ad with its text, evidence, related ads, and audits the view', async () => {
    const response = await analyst.get(`/api/ads/${ids.phone}`);
    expect(response.statusCode).toBe(200);
    const ad = response.json<{
      text: string;
      indicators: { id: string; evidence: { start: number; end: number; text: string }[] }[];
      related: { id: string; shared: { kind: string; value: string }[] }[];
      capture: { sha256: string; hasScreenshot: boolean } | null;
      components: Record<string, number> | null;
      previousClassification: unknown;
      version: number;
      status: string;
    }>();
    expect(ad.text).toBe('Models wanted\nCall +374 94 551290, free visa');
    // The score's two parts apart, and no earlier verdict (it was never re-scored).
    expect(ad.components).toEqual({ rules: 70, model: 70 });
    expect(ad.previousClassification).toBeNull();
    expect(ad.indicators[0]?.id).toBe('free-visa');
    expect(ad.capture?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ad.related).toEqual([
      {
        id: ids.samePhone,
        title: 'Nannies for Europe',
        score: 65,
        shared: [
          { kind: 'tel', value: '+37494551290' },
          { kind: 'telegram', value: 'dubaijobs' },
        ],
      },
    ]);
    const views = await f.store.audit.forAds([ids.phone]);
    expect(views.map((v) => [v.action, v.actor])).toEqual([['ad_view', 'analyst']]);
    expect((await analyst.get('/api/ads/nope')).statusCode).toBe(404);
  });

  it('lists indicators, dismiss reasons and assignable users for the filters', async () => {
    const indicators = (await analyst.get('/api/indicators')).json<{
      indicators: { id: string }[];
    }>();
    expect(indicators.indicators.map((i) => i.id)).toEqual(['deceptive-pay', 'free-visa']);
    const reasons = (await analyst.get('/api/dismiss-reasons')).json<{ reasons: string[] }>();
    expect(reasons.reasons).toContain('duplicate');
    const users = (await analyst.get('/api/users/assignable')).json<{
      users: { username: string }[];
    }>();
    expect(users.users.map((u) => u.username)).toEqual([
      'admin',
      'analyst',
      'analyst2',
      'supervisor',
    ]);
  });

  it('adds normalised contacts to ads classified before they were recorded', async () => {
    const older = await seedAd(f.store, {
      url: 'https://x.test/older',
      flagged: false,
      facts: { phones: [{ e164: '+37410000000' }], emails: [], handles: [] },
    });
    const before = await f.store.ads.findById(older);
    expect(before?.contacts).toEqual(['tel:+37410000000']);
    await unsetContacts(f, older);
    expect(await f.store.triage.backfillContacts()).toBe(1);
    expect((await f.store.ads.findById(older))?.contacts).toEqual(['tel:+37410000000']);
    expect(await f.store.triage.backfillContacts()).toBe(0);
  });

  it('uses the triage indexes for the list query and its counts', async () => {
    const [page, count] = await f.store.triage.explainQueries({
      status: 'new',
      minScore: 60,
      lang: 'en',
    });
    expect(page?.indexes).toEqual(['triage_status_order']);
    expect(page?.inMemorySort).toBe(false);
    expect(count?.indexes).toEqual(['triage_status_order']);
  });
});

async function unsetContacts(f: DashboardFixture, adId: string): Promise<void> {
  const client = await MongoClient.connect(inject('mongoUri'));
  try {
    await client
      .db(f.config.mongo.database)
      .collection<{ _id: string }>(Collections.Ads)
      .updateOne({ _id: adId }, { $unset: { contacts: '' } });
  } finally {
    await client.close();
  }
}
