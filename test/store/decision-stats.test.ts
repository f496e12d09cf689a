import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { decide, storeDecidableAd } from '../helpers/decisions.js';
import { openTestStore, testConfig } from '../helpers/services.js';

const day = (d: number) => new Date(Date.UTC(2026, 1, d, 12));
const period = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') };

describe('decision statistics', () => {
  let store: Store;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    store = await openTestStore(testConfig());
    const ad = async (
      name: string,
      lang: string,
      sourceId: string,
      indicators: Record<string, string[]>,
      score = 70,
    ) => {
      ids[name] = await storeDecidableAd(store, {
        url: `https://x.test/${name}`,
        lang,
        sourceId,
        indicators,
        score,
      });
      return ids[name];
    };
    await decide(
      store,
      await ad('a1', 'en', 's1', { pay: ['easy money'], abroad: ['Dubai'] }, 90),
      'confirmed',
      day(2),
    );
    await decide(
      store,
      await ad('a2', 'en', 's1', { pay: ['Easy money'] }, 65),
      'dismissed',
      day(3),
      'Ordinary job',
    );
    await decide(
      store,
      await ad('a3', 'ru', 's2', { pay: ['лёгкие деньги'], abroad: ['Дубай'] }, 80),
      'dismissed',
      day(4),
      'Ordinary job',
    );
    await decide(
      store,
      await ad('a4', 'ru', 's2', { abroad: ['Дубай', 'Дубай'] }, 80),
      'confirmed',
      day(5),
    );
    await decide(
      store,
      await ad('a5', 'ru', 's1', { abroad: ['дубай'] }, 60),
      'dismissed',
      day(6),
      'Not a job ad',
    );
    // Reopened after its decision: no standing decision, not counted.
    const a6 = await ad('a6', 'en', 's1', { pay: ['easy money'] });
    await decide(store, a6, 'confirmed', day(7));
    await decide(store, a6, 'in_review', day(8));
    // Decided before the period.
    await decide(
      store,
      await ad('a7', 'en', 's2', { pay: ['easy money'] }),
      'dismissed',
      new Date('2026-01-15T00:00:00Z'),
      'Duplicate',
    );
    // Confirmed, reopened, then dismissed: counts as dismissed, with the later reason.
    const a8 = await ad('a8', 'hy', 's1', { abroad: ['Dubai'] }, 75);
    await decide(store, a8, 'confirmed', day(9));
    await decide(store, a8, 'in_review', day(10));
    await decide(store, a8, 'dismissed', day(11), 'Duplicate');
    // Never decided.
    await ad('a9', 'en', 's1', { pay: ['easy money'] });
  });

  afterAll(async () => {
    await store.dropDatabase();
    await store.close();
  });

  it('counts the standing decisions per indicator, language and source, lowest precision first', async () => {
    const stats = await store.decisionStats.indicatorStats(period);
    expect(stats.totals).toEqual({ reviewed: 6, confirmed: 2, dismissed: 4 });
    expect(stats.indicators.map((i) => [i.id, i.reviewed, i.confirmed, i.dismissed])).toEqual([
      ['pay', 3, 1, 2],
      ['abroad', 5, 2, 3],
    ]);
    const [pay, abroad] = stats.indicators;
    expect(pay?.label).toBe('Label of pay');
    expect(pay?.byLang).toEqual([
      { lang: 'en', reviewed: 2, confirmed: 1, dismissed: 1 },
      { lang: 'ru', reviewed: 1, confirmed: 0, dismissed: 1 },
    ]);
    expect(pay?.bySource).toEqual([
      { source: 's1', reviewed: 2, confirmed: 1, dismissed: 1 },
      { source: 's2', reviewed: 1, confirmed: 0, dismissed: 1 },
    ]);
    expect(abroad?.byLang).toEqual([
      { lang: 'en', reviewed: 1, confirmed: 1, dismissed: 0 },
      { lang: 'hy', reviewed: 1, confirmed: 0, dismissed: 1 },
      { lang: 'ru', reviewed: 3, confirmed: 1, dismissed: 2 },
    ]);
    expect(abroad?.bySource).toEqual([
      { source: 's1', reviewed: 3, confirmed: 1, dismissed: 2 },
      { source: 's2', reviewed: 2, confirmed: 1, dismissed: 1 },
    ]);
    expect(pay?.reasons).toEqual([{ reason: 'Ordinary job', count: 2 }]);
    expect(abroad?.reasons).toEqual([
      { reason: 'Duplicate', count: 1 },
      { reason: 'Not a job ad', count: 1 },
      { reason: 'Ordinary job', count: 1 },
    ]);
  });

  it('ranks dismissal reasons and the evidence texts of dismissed ads, folding letter case in every script', async () => {
    const stats = await store.decisionStats.indicatorStats(period);
    expect(stats.reasons).toEqual([
      { reason: 'Ordinary job', count: 2 },
      { reason: 'Duplicate', count: 1 },
      { reason: 'Not a job ad', count: 1 },
    ]);
    expect(stats.dismissedEvidence).toEqual([
      { indicatorId: 'abroad', text: 'дубай', ads: 2 },
      { indicatorId: 'abroad', text: 'dubai', ads: 1 },
      { indicatorId: 'pay', text: 'easy money', ads: 1 },
      { indicatorId: 'pay', text: 'лёгкие деньги', ads: 1 },
    ]);
  });

  it('narrows to one language, one source, or a period', async () => {
    const ru = await store.decisionStats.indicatorStats({ ...period, lang: 'ru' });
    expect(ru.indicators.map((i) => [i.id, i.reviewed, i.confirmed, i.dismissed])).toEqual([
      ['pay', 1, 0, 1],
      ['abroad', 3, 1, 2],
    ]);
    const s2 = await store.decisionStats.indicatorStats({ ...period, source: 's2' });
    expect(s2.totals).toEqual({ reviewed: 2, confirmed: 1, dismissed: 1 });
    // Without a lower bound the January dismissal counts too.
    const all = await store.decisionStats.indicatorStats({});
    expect(all.totals).toEqual({ reviewed: 7, confirmed: 2, dismissed: 5 });
    const early = await store.decisionStats.indicatorStats({ from: day(1), to: day(4) });
    expect(early.totals).toEqual({ reviewed: 3, confirmed: 1, dismissed: 2 });
  });

  it('lists the dismissed ads of one indicator, latest decision first, with its evidence', async () => {
    const ads = await store.decisionStats.dismissedAds('abroad', period, 10);
    expect(ads.map((a) => [a.id, a.reason, a.evidence])).toEqual([
      [ids.a8, 'Duplicate', ['Dubai']],
      [ids.a5, 'Not a job ad', ['дубай']],
      [ids.a3, 'Ordinary job', ['Дубай']],
    ]);
    expect(await store.decisionStats.dismissedAds('abroad', period, 1)).toHaveLength(1);
  });

  it('counts decided ads per language and score for the precision–recall curve', async () => {
    expect(await store.decisionStats.scoreCounts(period)).toEqual([
      { lang: 'en', score: 65, confirmed: 0, dismissed: 1 },
      { lang: 'en', score: 90, confirmed: 1, dismissed: 0 },
      { lang: 'hy', score: 75, confirmed: 0, dismissed: 1 },
      { lang: 'ru', score: 60, confirmed: 0, dismissed: 1 },
      { lang: 'ru', score: 80, confirmed: 1, dismissed: 1 },
    ]);
    const texts = await store.decisionStats.decidedTexts(period, 100);
    expect(texts.map((t) => t.decision).sort()).toEqual([
      'confirmed',
      'confirmed',
      'dismissed',
      'dismissed',
      'dismissed',
      'dismissed',
    ]);
  });

  it('saves override versions in order and finds the one in force and the one before', async () => {
    expect(await store.lexiconOverrides.active()).toBeNull();
    const first = await store.lexiconOverrides.save({
      adjustments: [{ indicatorId: 'pay', lang: 'ru', disabled: true }],
      change: 'adjust',
      createdBy: 'supervisor',
    });
    const [second, third] = await Promise.all([
      store.lexiconOverrides.save({
        adjustments: [],
        flagThreshold: 55,
        change: 'threshold',
        createdBy: 'a',
      }),
      store.lexiconOverrides.save({ adjustments: [], change: 'revert', createdBy: 'b' }),
    ]);
    expect(first._id).toBe('o1');
    expect([second?._id, third?._id].sort()).toEqual(['o2', 'o3']);
    expect((await store.lexiconOverrides.active())?._id).toBe('o3');
    expect((await store.lexiconOverrides.before(2))?._id).toBe('o1');
    expect(await store.lexiconOverrides.before(1)).toBeNull();
  });
});
