import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { AdPage } from '../../dashboard/contract/ads.contract.js';
import { Collections, countCap } from '../../store/index.js';
import { ensureCollections } from '../../store/collections.js';
import {
  login,
  seedAd,
  startDashboard,
  type Client,
  type DashboardFixture,
} from './dashboard.fixture.js';

/** What keeps the triage queue fast on a large store: capped counts and the indexed search words. */
describe('triage queue at size', () => {
  let f: DashboardFixture;
  let analyst: Client;
  let client: MongoClient;
  const ids: Record<string, string> = {};

  const page = async (query: string): Promise<AdPage> => {
    const response = await analyst.get(`/api/ads${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AdPage>();
  };

  beforeAll(async () => {
    f = await startDashboard();
    analyst = await login(f.app, 'analyst');
    client = await MongoClient.connect(inject('mongoUri'));
    ids.hy = await seedAd(f.store, {
      url: 'https://scale.test/hy',
      title: 'Աշխատանք Դուբայում',
      body: 'ԱՆՎՃԱՐ ՎԻԶԱ և տոմս, մեկնում շաբաթ օրը',
      lang: 'hy',
    });
    ids.ru = await seedAd(f.store, {
      url: 'https://scale.test/ru',
      title: 'Работа за границей',
      body: 'Бесплатная Виза и билеты, выезд срочно',
      lang: 'ru',
    });
    ids.en = await seedAd(f.store, {
      url: 'https://scale.test/en',
      title: 'Hotel staff abroad',
      body: 'Free VISA and tickets, leave this week, meet at the Café',
      lang: 'en',
    });
    // Holds every word searched below, but is not flagged: the queue never shows it.
    ids.unflagged = await seedAd(f.store, {
      url: 'https://scale.test/unflagged',
      title: 'виза visa վիզա',
      body: 'виза visa վիզա',
      score: 10,
      flagged: false,
    });
  });

  afterAll(async () => {
    await client?.close();
    await f?.close();
  });

  it('finds flagged ads by a word in any case, in Armenian, Russian and English', async () => {
    const found = async (q: string) =>
      (await page(`?q=${encodeURIComponent(q)}`)).items.map((ad) => ad.id);
    expect(await found('վիզա')).toEqual([ids.hy]);
    expect(await found('ՎԻԶԱ')).toEqual([ids.hy]);
    expect(await found('виза')).toEqual([ids.ru]);
    expect(await found('ВИЗА')).toEqual([ids.ru]);
    expect(await found('Visa')).toEqual([ids.en]);
    expect(await found('cafe')).toEqual([ids.en]);
    // Words are matched as written: no stemming that would mix languages.
    expect(await found('визы')).toEqual([]);
    // Several words: an ad holding any of them, in queue order.
    expect(new Set(await found('tickets билеты'))).toEqual(new Set([ids.ru, ids.en]));
  });

  it('searches through the search word indexes in queue order, reading flagged ads only', async () => {
    const [search, count] = await f.store.triage.explainQueries({ text: 'виза' });
    expect(search?.indexes).toEqual(['search_order']);
    expect(search?.inMemorySort).toBe(false);
    expect(count?.indexes).toEqual(['search_status_order']);
    // The unflagged ad holds the word too; the flagged-only index leaves it unread.
    expect(search?.docsExamined).toBe(1);
    expect(search?.returned).toBe(1);
  });

  it('reads of each ad only what a row of the queue shows: no body, evidence or search words', async () => {
    const stored = await f.store.ads.findById(ids.ru);
    expect(stored?.searchTerms).toContain('виза');
    expect(stored).toHaveProperty('captureIds');
    expect(stored?.classification?.indicators[0]?.evidence).toHaveLength(1);
    for (const grouped of [false, true]) {
      const rows = grouped
        ? (await f.store.triage.listGrouped({ text: 'виза' }, null, 10)).items.map((r) => r.lead)
        : (await f.store.triage.list({ text: 'виза' }, null, 10)).items;
      expect(rows.map((ad) => ad._id)).toEqual([ids.ru]);
      expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
        [
          '_id',
          'classification',
          'firstSeenAt',
          'review',
          'score',
          'sourceId',
          'title',
          'url',
        ].sort(),
      );
      expect(rows[0]?.classification?.indicators).toEqual([
        { id: 'deceptive-pay', label: 'Deceptive pay' },
      ]);
      expect(Object.keys(rows[0]?.classification ?? {}).sort()).toEqual(
        ['band', 'components', 'indicators', 'lang', 'score'].sort(),
      );
      expect(rows[0]).toMatchObject({ title: 'Работа за границей', url: 'https://scale.test/ru' });
    }
  });

  it('gives ads stored before search words existed their words', async () => {
    const ads = client.db(f.config.mongo.database).collection(Collections.Ads);
    await ads.updateOne({ _id: ids.ru as never }, { $unset: { searchTerms: '' } });
    expect((await page('?q=виза')).items).toEqual([]);
    expect(await f.store.triage.backfillSearchTerms()).toBe(1);
    expect((await page('?q=виза')).items.map((ad) => ad.id)).toEqual([ids.ru]);
    expect(await f.store.triage.backfillSearchTerms()).toBe(0);
  });

  it('counts exactly up to the cap and says "more than" past it', async () => {
    const ads = client.db(f.config.mongo.database).collection(Collections.Ads);
    // A language of its own, so that only these ads match the filter.
    const generated = (status: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        _id: `cap-${status}-${i}`,
        sourceId: 'cap-board',
        url: `https://scale.test/cap/${status}/${i}`,
        title: 'Ad',
        body: 'Ad',
        contentHash: `cap-${status}-${i}`,
        captureIds: [],
        versions: [],
        firstSeenAt: new Date('2026-02-01T00:00:00Z'),
        lastSeenAt: new Date('2026-02-01T00:00:00Z'),
        updatedAt: new Date('2026-02-01T00:00:00Z'),
        flagged: true,
        score: 70,
        contacts: [],
        searchTerms: ['ad'],
        review: { status, version: 0 },
        classification: {
          score: 70,
          band: 'medium',
          flagged: true,
          lang: 'xx',
          components: { rules: 70, model: 70 },
          indicators: [],
          facts: {},
          versions: { classifier: 'test' },
          contentHash: `cap-${status}-${i}`,
          classifiedAt: new Date('2026-02-01T00:00:00Z'),
        },
      }));
    await ads.insertMany([
      ...generated('new', countCap + 1),
      ...generated('dismissed', countCap),
      ...generated('escalated', 3),
    ] as never[]);
    const counted = await page('?lang=xx&limit=5');
    expect(counted.counts).toEqual({
      new: countCap,
      in_review: 0,
      escalated: 3,
      confirmed: 0,
      dismissed: countCap,
    });
    // Exactly the cap is exact; one more is "more than the cap".
    expect(counted.countsCapped).toEqual(['new']);
    expect((await page('?lang=xx&status=escalated')).items).toHaveLength(3);
  });

  it('drops the indexes of earlier versions that nothing reads at start', async () => {
    const db = client.db(`${f.config.mongo.database}-retired`);
    try {
      await db
        .collection(Collections.Ads)
        .createIndex(
          { title: 'text', body: 'text' },
          { name: 'ad_text', default_language: 'none' },
        );
      await db.collection(Collections.Ads).createIndexes([
        { key: { flagged: 1, score: -1, firstSeenAt: -1 }, name: 'triage' },
        { key: { contacts: 1 }, name: 'contacts' },
      ]);
      await ensureCollections(db);
      const names = (await db.collection(Collections.Ads).indexes()).map((index) =>
        String(index.name),
      );
      expect(names).toContain('search_order');
      expect(names).not.toContain('ad_text');
      expect(names).not.toContain('triage');
      expect(names).not.toContain('contacts');
      // What they served, the indexes starting with the same keys serve: no collection scan.
      const plan = async (filter: object, sort: Record<string, 1 | -1> = {}): Promise<string> => {
        const explained = await db
          .collection(Collections.Ads)
          .find(filter)
          .sort(sort)
          .explain('queryPlanner');
        return JSON.stringify((explained.queryPlanner as { winningPlan: unknown }).winningPlan);
      };
      const byContact = await plan({ contacts: { $in: ['tel:+37491000111'] } });
      expect(byContact).toMatch(/"indexName":"contacts_(first_seen|order)"/);
      expect(byContact).not.toContain('COLLSCAN');
      const byScore = await plan({ flagged: true }, { score: -1, firstSeenAt: -1 });
      expect(byScore).toMatch(/"indexName":"triage_(status_)?order"/);
      expect(byScore).not.toMatch(/COLLSCAN|"stage":"SORT"/);
    } finally {
      await db.dropDatabase();
    }
  });
});
