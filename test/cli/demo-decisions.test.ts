import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDecisions } from '../../bin/runtime/demo-decisions.js';
import { createClassifier } from '../../classifiers/index.js';
import { allDemoAds } from '../../demo/index.js';
import type { Store } from '../../store/index.js';
import { storeDecidableAd } from '../helpers/decisions.js';
import { openTestStore, testConfig } from '../helpers/services.js';

const classifier = createClassifier();
const now = new Date('2026-03-01T12:00:00Z');

/** The demo's ads (those the classifier flags, and a few it does not) stored as if crawled. */
async function storeDemoAds(store: Store): Promise<void> {
  for (const ad of allDemoAds()) {
    const assessment = classifier.assess({ title: ad.title, text: ad.body });
    await storeDecidableAd(store, {
      url: `http://127.0.0.1:8090/classifieds/ad/${ad.id}`,
      sourceId: 'demo-classifieds',
      lang: assessment.lang,
      score: assessment.score,
      title: ad.title,
      body: ad.body,
      indicators: Object.fromEntries(
        assessment.indicators.map((hit) => [hit.id, hit.evidence.map((e) => e.text)]),
      ),
    });
  }
}

/** Every seeded decision, in a form two databases can be compared by. */
async function seededHistory(store: Store) {
  const stats = await store.decisionStats.indicatorStats({});
  const dismissed = await store.decisionStats.dismissedAds('work-abroad', {}, 500);
  return { stats, dismissed: dismissed.map((a) => [a.title, a.reason, a.decidedBy, a.decidedAt]) };
}

describe('the demo history of decisions', () => {
  let first: Store;
  let second: Store;

  beforeAll(async () => {
    first = await openTestStore(testConfig());
    second = await openTestStore(testConfig());
    await storeDemoAds(first);
    await storeDemoAds(second);
  });

  afterAll(async () => {
    for (const store of [first, second]) {
      await store.dropDatabase();
      await store.close();
    }
  });

  it('decides the flagged demo ads by their ground truth, in the past, marked as demo data', async () => {
    const seeded = await seedDemoDecisions(first, now, 25);
    expect(seeded).toBe(25);
    const stats = await first.decisionStats.indicatorStats({});
    expect(stats.totals.reviewed).toBe(25);
    expect(stats.demo).toBe(25);
    expect(stats.totals.confirmed).toBeGreaterThan(0);
    expect(stats.totals.dismissed).toBeGreaterThan(0);
    // Some indicators hold up, some are noisy.
    const precision = stats.indicators.map((i) => i.confirmed / i.reviewed);
    expect(Math.max(...precision)).toBe(1);
    expect(Math.min(...precision)).toBeLessThan(0.8);
    // Every decision dates from the 28 days before `now`.
    const events = await first.decisionStats.decidedTexts({}, 100);
    expect(events).toHaveLength(25);
    const inPast = await first.decisionStats.indicatorStats({
      from: new Date(now.getTime() - 29 * 86_400_000),
      to: now,
    });
    expect(inPast.totals.reviewed).toBe(25);
    // A third of the flagged ads stay new for the person trying the demo.
    const open = await first.triage.list({ status: 'new' }, null, 200);
    expect(open.items.length).toBeGreaterThan(0);
  });

  it('seeds the same history on another database, and nothing past its target', async () => {
    expect(await seedDemoDecisions(second, now, 25)).toBe(25);
    expect(await seededHistory(second)).toEqual(await seededHistory(first));
    expect(await seedDemoDecisions(first, now, 25)).toBe(0);
    expect(await first.decisionStats.demoDecisions()).toBe(25);
  });
});
