import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertKind } from '../../config/index.js';
import { normaliseEmployer, type AdRecord } from '../../store/index.js';
import { seedAd, type SeedAd } from '../dashboard/dashboard.fixture.js';
import { must } from '../helpers/services.js';
import { campaignOf, setCampaign, startAlerts, type AlertsFixture } from './alerts.helpers.js';

const hour = 3_600_000;
const phoneFacts = (...phones: string[]) => ({
  phones: phones.map((e164) => ({ e164 })),
  emails: [],
  handles: [],
});

describe('alert rules', () => {
  let f: AlertsFixture;
  let n = 0;

  beforeEach(async () => {
    f = await startAlerts({
      rules: { surge: { windowHours: 1, baselineDays: 1, factor: 3, minCount: 3 } },
    });
  });
  afterEach(async () => {
    await f.close();
  });

  const ago = (millis: number) => new Date(f.clock.now.getTime() - millis);
  const ad = async (fields: Partial<SeedAd> = {}): Promise<AdRecord> => {
    n++;
    const id = await seedAd(f.store, {
      url: `https://board.test/ad/${n}`,
      firstSeenAt: ago(hour / 6),
      ...fields,
    });
    return must(await f.store.ads.findById(id), 'ad');
  };
  const alertsOf = async (kind?: AlertKind) =>
    (await f.store.alerts.list(kind ? { kind } : {}, null, 100)).items;

  describe('new campaign', () => {
    it('fires once when a campaign has minAds ads seen within withinHours, and not for a rename', async () => {
      const ads = [await ad({ firstSeenAt: ago(20 * hour) }), await ad(), await ad()];
      const ids = ads.map((a) => a._id);
      await setCampaign(f.config.mongo.database, ids, 'c-1');
      const campaign = campaignOf('c-1', ids[0] ?? '');
      const raised = await f.engine.afterLink(must(ads[2]), campaign);
      expect(raised.map((a) => [a.kind, a.eventKey])).toEqual([
        [AlertKind.NewCampaign, `new-campaign:${ids[0]}`],
      ]);
      expect(raised[0]?.target).toEqual({ campaignId: 'c-1', adId: ids[0] });
      // The same ad linked again, and the campaign renamed by a merge: no second alert.
      expect(await f.engine.afterLink(must(ads[2]), campaign)).toEqual([]);
      await setCampaign(f.config.mongo.database, ids, 'c-2');
      expect(await f.engine.afterLink(must(ads[1]), campaignOf('c-2', ids[0] ?? ''))).toEqual([]);
      expect(await alertsOf(AlertKind.NewCampaign)).toHaveLength(1);
    });

    it('stays quiet below minAds within the window, and for a campaign of unflagged ads', async () => {
      const old = await ad({ firstSeenAt: ago(30 * hour) });
      const recent = [await ad(), await ad()];
      const ids = [old._id, ...recent.map((a) => a._id)];
      await setCampaign(f.config.mongo.database, ids, 'c-3');
      expect(await f.engine.afterLink(must(recent[1]), campaignOf('c-3', old._id))).toEqual([]);
      const calm = [await ad(), await ad(), await ad()];
      await setCampaign(
        f.config.mongo.database,
        calm.map((a) => a._id),
        'c-4',
      );
      const unflagged = campaignOf('c-4', calm[0]?._id ?? '', { flaggedCount: 0 });
      expect(await f.engine.afterLink(must(calm[2]), unflagged)).toEqual([]);
      expect(await alertsOf()).toEqual([]);
    });
  });

  describe('reused contact', () => {
    it('fires at minAds ads carrying the contact, once per contact, not at one fewer', async () => {
      const phone = '+37491000001';
      let last: AdRecord | undefined;
      for (let i = 0; i < 4; i++) last = await ad({ facts: phoneFacts(phone) });
      expect(await f.engine.afterLink(must(last), null)).toEqual([]);
      const fifth = await ad({ facts: phoneFacts(phone) });
      const raised = await f.engine.afterLink(fifth, null);
      expect(raised.map((a) => a.eventKey)).toEqual([`reused-contact:tel:${phone}:ads`]);
      expect(raised[0]?.target).toEqual({ entityKey: `tel:${phone}`, adId: fifth._id });
      expect(raised[0]?.title).toBe(`Contact ${phone} in 5 ads`);
      const sixth = await ad({ facts: phoneFacts(phone) });
      expect(await f.engine.afterLink(sixth, null)).toEqual([]);
    });

    it('fires at minSources sources, and never for an unflagged ad', async () => {
      const phone = '+37491000002';
      const first = await ad({ facts: phoneFacts(phone), sourceId: 'board-a' });
      expect(await f.engine.afterLink(first, null)).toEqual([]);
      const unflagged = await ad({ facts: phoneFacts(phone), sourceId: 'board-b', flagged: false });
      expect(await f.engine.afterLink(unflagged, null)).toEqual([]);
      const flagged = await ad({ facts: phoneFacts(phone), sourceId: 'board-c' });
      const raised = await f.engine.afterLink(flagged, null);
      expect(raised.map((a) => a.eventKey)).toEqual([`reused-contact:tel:${phone}:sources`]);
    });
  });

  describe('watched contacts and employers', () => {
    it('fires once per entry and flagged ad, however often the ad is classified', async () => {
      const phone = '+37494111222';
      await f.store.watchlist.put({
        _id: `tel:${phone}`,
        kind: 'phone',
        note: 'known recruiter',
        addedBy: 'supervisor',
        addedAt: new Date(),
      });
      const employer = `employer:${normaliseEmployer('ООО «Ромашка»')}`;
      await f.store.watchlist.put({
        _id: employer,
        kind: 'employer',
        note: '',
        addedBy: 'supervisor',
        addedAt: new Date(),
      });
      const flagged = await ad({ facts: phoneFacts(phone), employer: '"Ромашка" ооо' });
      const raised = await f.engine.afterLink(flagged, null);
      expect(raised.map((a) => a.eventKey).sort()).toEqual(
        [`watched:${employer}:${flagged._id}`, `watched:tel:${phone}:${flagged._id}`].sort(),
      );
      expect(raised.find((a) => a.target.entityKey === `tel:${phone}`)?.detail).toContain(
        'known recruiter',
      );
      // Classified again (the same text): the stored alerts stay as they are.
      await seedAd(f.store, { url: flagged.url, facts: phoneFacts(phone), employer: 'Ромашка' });
      expect(await f.engine.afterLink(must(await f.store.ads.findById(flagged._id)), null)).toEqual(
        [],
      );
      const unflagged = await ad({ facts: phoneFacts(phone), flagged: false, score: 30 });
      expect(await f.engine.afterLink(unflagged, null)).toEqual([]);
      expect(await alertsOf(AlertKind.Watched)).toHaveLength(2);
    });
  });

  describe('surges', () => {
    const facts = (category?: string, country?: string) => ({
      phones: [],
      emails: [],
      handles: [],
      ...(category ? { category } : {}),
      destinations: country
        ? [{ country, offered: true, span: { start: 0, end: 5, text: 'Dubai' } }]
        : [],
    });

    it('fires per destination, category and source against their own baseline, once per window', async () => {
      // Baseline: 48 flagged ads of "steady" over the day before the window, 2 an hour.
      for (let i = 0; i < 48; i++)
        await ad({ sourceId: 'steady', firstSeenAt: ago(hour + (i + 0.5) * (hour / 2)) });
      // New activity: three ads of a new board, category and destination in the last hour.
      for (let i = 0; i < 3; i++)
        await ad({ sourceId: 'new-board', facts: facts('entertainment', 'AE') });
      // Below minCount: two; unflagged ads do not count.
      for (let i = 0; i < 2; i++) await ad({ sourceId: 'quiet', facts: facts(undefined, 'TR') });
      for (let i = 0; i < 4; i++) await ad({ sourceId: 'quiet', flagged: false, score: 20 });
      // "steady" at 5 in the window: over minCount, but under 3 × its average of 2.
      for (let i = 0; i < 5; i++) await ad({ sourceId: 'steady' });

      const first = await f.engine.checkSurges();
      expect(first.map((a) => a.target).sort(byValue)).toEqual([
        { dimension: 'destination', value: 'AE' },
        { dimension: 'category', value: 'entertainment' },
        { dimension: 'source', value: 'new-board' },
      ]);
      expect(first.find((a) => a.target.value === 'AE')?.detail).toContain('new activity');

      // A sixth ad makes it 3 × the baseline; the earlier surges are not raised again.
      await ad({ sourceId: 'steady' });
      f.clock.now = new Date(f.clock.now.getTime() + 60_000);
      const second = await f.engine.checkSurges();
      expect(second.map((a) => a.target)).toEqual([{ dimension: 'source', value: 'steady' }]);
      expect(second[0]?.detail).toMatch(/6 flagged ads .* average of 2\.00 per 1 h/);
      expect(await alertsOf(AlertKind.Surge)).toHaveLength(4);

      // Two hours on, the burst has left the window: nothing new.
      f.clock.now = new Date(f.clock.now.getTime() + 2 * hour);
      expect(await f.engine.checkSurges()).toEqual([]);
    });
  });
});

const byValue = (a: { value?: string }, b: { value?: string }) =>
  (a.value ?? '').localeCompare(b.value ?? '');
