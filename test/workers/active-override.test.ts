import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, type AdText } from '../../classifiers/index.js';
import type { Store } from '../../store/index.js';
import { activeOverrideReader, toLexiconOverride } from '../../workers/index.js';
import { PipelineThreads } from '../../workers/threads/index.js';
import { must, openTestStore, silentLogger, testConfig } from '../helpers/services.js';

/** Russian, work abroad with housing: scores well under the flag with the shipped lexicon. */
const driver: AdText = {
  title: 'Водитель',
  text: 'Работа в Москве для водителей, жильё предоставляется, зарплата 150000 рублей, билеты оплачиваем.',
};

describe('the lexicon override in force, as workers apply it', () => {
  let store: Store;
  let threads: PipelineThreads;

  beforeAll(async () => {
    store = await openTestStore(testConfig());
    threads = new PipelineThreads({
      threads: 1,
      timeoutMillis: 30_000,
      flagThreshold: 60,
      logger: silentLogger,
    });
  });

  afterAll(async () => {
    await threads.close();
    await store.dropDatabase();
    await store.close();
  });

  it('reads the newest saved version, asking MongoDB again only after the refresh time', async () => {
    let clock = 0;
    const read = activeOverrideReader(store, 5_000, () => clock);
    expect(await read()).toBeNull();
    await store.lexiconOverrides.save({
      adjustments: [{ indicatorId: 'work-abroad', lang: 'ru', weight: 5 }],
      change: 'adjust',
      createdBy: 'supervisor',
    });
    clock = 4_999;
    expect(await read()).toBeNull();
    clock = 5_000;
    expect(await read()).toEqual({
      id: 'o1',
      adjustments: [{ indicatorId: 'work-abroad', lang: 'ru', weight: 5 }],
    });
  });

  it('scores in the worker threads with the override and records its version', async () => {
    const shipped = await threads.classify(driver);
    expect(shipped.flagged).toBe(false);
    expect(shipped.versions.override).toBeUndefined();

    const saved = must(await store.lexiconOverrides.active(), 'saved override');
    const override = must(toLexiconOverride(saved), 'override');
    const adjusted = await threads.classify(driver, override);
    expect(adjusted.flagged).toBe(true);
    expect(adjusted.versions.override).toBe('o1');
    expect(adjusted.indicators.find((i) => i.id === 'work-abroad')?.weight).toBe(5);
    // The same as the classifier in process with the same override.
    expect(adjusted).toEqual(createClassifier().withOverride(override).assess(driver));

    // A threshold and a disabled indicator in a later version; the shipped lexicon otherwise.
    const stricter = await threads.classify(driver, {
      id: 'o2',
      adjustments: [{ indicatorId: 'work-abroad', lang: 'all', disabled: true }],
      flagThreshold: 5,
    });
    expect(stricter.indicators.map((i) => i.id)).not.toContain('work-abroad');
    expect(stricter.flagged).toBe(stricter.score >= 5);
    expect(stricter.versions.override).toBe('o2');
    // Null again: the shipped lexicon, as before any override.
    expect(await threads.classify(driver, null)).toEqual(shipped);
  });
});
