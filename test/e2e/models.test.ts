import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { seedDemoModels } from '../../bin/runtime/demo-models.js';
import { createClassifier, parseTextModel } from '../../classifiers/index.js';
import { classifiedText } from '../../store/index.js';
import {
  AlertEngine,
  committedModel,
  jobIds,
  readModelFile,
  startWorkers,
  type WorkerPool,
} from '../../workers/index.js';
import { candidateModelText } from '../helpers/models.js';
import { storeCapturedAd } from '../helpers/seed.js';
import { silentLogger, waitFor } from '../helpers/services.js';
import { workerContext } from '../helpers/workers.js';
import { signIn, snap, startUi, type UiFixture } from './ui.fixture.js';

let fixture: UiFixture;
let alerts: AlertEngine;
let workers: WorkerPool | undefined;
/** The demo's candidate, which the demo registers on its first start. */
const candidate = readModelFile(candidateModelText(), 'candidate')._id;
const committed = committedModel()._id;
/** An ad near the flag threshold, which the two models judge differently. */
const probe = {
  title: 'Job offer',
  body: 'Young girls wanted for modelling work abroad, high pay, travel paid, contact on Telegram. Paid weekly.',
};

beforeAll(async () => {
  // Short rollout rules, so that the shadow run can be long enough within the test.
  fixture = await startUi({ classifier: { threads: 1, shadowMinAds: 2, shadowMinHours: 0 } });
  await seedDemoModels(fixture.store, silentLogger);
  // The pipeline's own classify workers score the new ads, and the shadow model next to them.
  const { config, store, queues } = fixture;
  alerts = new AlertEngine({ config, store, queues, logger: silentLogger, env: {} });
  workers = startWorkers(workerContext({ config, store, queues, alerts }), {
    redisUrl: inject('redisUrl'),
    queues: ['classify'],
  });
});

afterAll(async () => {
  await workers?.close(true);
  alerts?.close();
  await fixture?.close();
});

/** Stores a new ad as the crawler does and waits until the classify workers have scored it. */
async function classifyNewAd(n: number): Promise<string> {
  const { adId, contentHash } = await storeCapturedAd(fixture.store, {
    sourceId: 'demo-jobs',
    url: `https://jobs.example.am/models/${n}`,
    html: `<h1>${probe.title}</h1><p>${probe.body}</p>`,
    seenAt: new Date(),
    ad: probe,
  });
  const jobId = jobIds.classify(adId, contentHash);
  await fixture.queues.classify.add('classify', { adId, contentHash }, { jobId });
  await waitFor(async () => (await fixture.queues.classify.getJob(jobId))?.finishedOn, {
    what: `ad ${n} to be classified`,
  });
  return adId;
}

describe('the model registry screen in Chromium', () => {
  // Chromium, the classify workers' threads and their registry reads take more than a minute on a
  // loaded machine.
  it('compares the models, runs a candidate in shadow, refuses then allows its activation, and rolls back', async () => {
    // What each model makes of the probe ad, by the classifier itself.
    const text = { title: probe.title, text: classifiedText(probe) };
    const byCommitted = fixture.classifier.assess(text);
    const byCandidate = createClassifier({
      model: parseTextModel(JSON.parse(candidateModelText()), 'candidate'),
    }).assess(text);
    expect(
      byCandidate.flagged,
      `the probe ad should be flagged by one model only (${byCommitted.score}, ${byCandidate.score})`,
    ).not.toBe(byCommitted.flagged);

    const { context, page } = await signIn(fixture, 'sona');
    try {
      await page.getByRole('link', { name: 'Models', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
      const card = (version: string) => page.getByRole('article', { name: version, exact: true });
      const builtIn = card(committed);
      const shadowed = card(candidate);

      // Side by side: the committed model in force, the demo's candidate with its figures.
      await builtIn.getByTestId('in-force').waitFor();
      expect(await builtIn.getByTestId('model-status').textContent()).toBe('active');
      expect(await builtIn.getByTestId('precision').textContent()).toBe('0.964');
      expect(await builtIn.getByTestId('roc-auc').textContent()).toBe('0.987');
      expect(await shadowed.getByTestId('model-status').textContent()).toBe('candidate');
      expect(await shadowed.getByTestId('in-force').count()).toBe(0);
      expect(await shadowed.textContent()).toContain('demo');
      expect(await shadowed.textContent()).toContain('837 labelled ads, 388 of them positive');
      expect(await shadowed.getByTestId('precision').textContent()).toBe('0.915');
      expect(await shadowed.getByTestId('recall').textContent()).toBe('0.871');
      expect(await shadowed.getByTestId('roc-auc').textContent()).toBe('0.942');
      expect(await shadowed.getByTestId('activation-refusal').textContent()).toContain(
        'has no shadow run',
      );
      const activate = shadowed.getByRole('button', { name: 'Activate' });
      expect(await activate.isDisabled()).toBe(true);
      await snap(page, 'models');

      // The shadow run starts; activating is refused as long as it is too short.
      await shadowed.getByRole('button', { name: 'Start shadow run' }).click();
      await page.getByText(`Shadow run of ${candidate} started`).waitFor();
      await expect
        .poll(() => shadowed.getByTestId('model-status').textContent())
        .toBe('shadow run');
      const refusal = shadowed.getByTestId('activation-refusal');
      expect(await refusal.textContent()).toContain('scored 0 of the 2 new ads required');
      expect(await activate.isDisabled()).toBe(true);
      const panel = page.getByTestId('shadow-panel');
      await expect.poll(() => panel.getByTestId('shadow-scored').textContent()).toBe('0');
      expect(await panel.textContent()).toContain('Started by sona');

      // New ads arrive: the workers score them with the committed model, and with the candidate
      // too once they have read the registry (every few seconds), until the run is long enough.
      const adIds: string[] = [];
      await waitFor(
        async () => {
          adIds.push(await classifyNewAd(adIds.length + 1));
          return (await fixture.store.models.shadowCounts(candidate)).scored >= 2;
        },
        { what: 'two ads scored by the shadow model', intervalMillis: 0, timeoutMillis: 90_000 },
      );
      const shadowScored = (await fixture.store.models.shadowDifferences(candidate, 10)).map(
        (d) => d.adId,
      );
      expect(shadowScored).toHaveLength(2);

      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => panel.getByTestId('shadow-scored').textContent()).toBe('2');
      const onlyBy = byCommitted.flagged ? 'shadow-only-active' : 'shadow-only-shadow';
      expect(await panel.getByTestId(onlyBy).textContent()).toBe('2');
      expect(await panel.getByTestId('shadow-both').textContent()).toBe('0');
      const differences = panel.getByTestId('shadow-differences');
      for (const adId of shadowScored) {
        const row = differences.locator(`tr[data-ad="${adId}"]`);
        expect(await row.getByRole('link', { name: probe.title }).getAttribute('href')).toBe(
          `#/ad/${encodeURIComponent(adId)}`,
        );
        const verdict = (flagged: boolean) => (flagged ? 'flagged' : 'not flagged');
        expect(await row.locator('td').nth(2).textContent()).toBe(
          `${byCandidate.score} · ${verdict(byCandidate.flagged)}`,
        );
        expect(await row.locator('td').nth(3).textContent()).toBe(
          `${byCommitted.score} · ${verdict(byCommitted.flagged)}`,
        );
      }
      expect(await refusal.count()).toBe(0);
      expect(await activate.isDisabled()).toBe(false);
      await snap(page, 'models-shadow');

      // A second supervisor's screen, loaded now, still offers the activation done meanwhile.
      const stale = await context.newPage();
      await stale.goto(`${fixture.baseUrl}/#/models`);
      const staleActivate = stale
        .getByRole('article', { name: candidate, exact: true })
        .getByRole('button', { name: 'Activate' });
      await expect.poll(() => staleActivate.isDisabled()).toBe(false);

      await activate.click();
      await page.getByText(`${candidate} is now in force.`).waitFor();
      await expect.poll(() => shadowed.getByTestId('in-force').count()).toBe(1);
      expect(await shadowed.getByTestId('model-status').textContent()).toBe('active');
      expect(await builtIn.getByTestId('in-force').count()).toBe(0);
      expect(await builtIn.getByTestId('model-status').textContent()).toBe('retired');
      expect(await shadowed.textContent()).toContain('sona');
      await snap(page, 'models-activated');

      // The stale screen's activation is refused by the server, which says why.
      await staleActivate.click();
      await stale
        .getByText(`Refused by the server: model ${candidate} is already active`)
        .waitFor();
      await stale.close();

      // Rollback, after a confirmation, returns the model the candidate replaced.
      await shadowed.getByRole('button', { name: `Roll back to ${committed}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Roll back the model' });
      await dialog.getByRole('button', { name: 'Roll back' }).click();
      await page.getByText(`Rolled back: ${committed} is in force again.`).waitFor();
      await expect.poll(() => builtIn.getByTestId('in-force').count()).toBe(1);
      expect(await shadowed.getByTestId('model-status').textContent()).toBe('retired');
      expect(await page.getByRole('button', { name: /^Roll back/ }).count()).toBe(0);

      const { items } = await fixture.store.audit.list({ actor: 'sona' }, null, 50);
      expect(
        items
          .filter((e) => e.action.startsWith('model_'))
          .map((e) => [e.action, e.details.version])
          .reverse(),
      ).toEqual([
        ['model_shadow', candidate],
        ['model_activate', candidate],
        ['model_rollback', committed],
      ]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('is not offered to an analyst, and refused when opened by its address', async () => {
    const { context, page } = await signIn(fixture, 'anna');
    try {
      expect(await page.getByRole('link', { name: 'Models', exact: true }).count()).toBe(0);
      await page.goto(`${fixture.baseUrl}/#/models`);
      await page.getByText('Your role does not allow this.').waitFor();
    } finally {
      await context.close();
    }
  });
});
