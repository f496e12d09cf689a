import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { type AdwatchConfig } from '../../config/index.js';
import type { Fetchers } from '../../crawlers/index.js';
import type { Store } from '../../store/index.js';
import {
  activateModel,
  AlertEngine,
  committedModel,
  createRedisConnection,
  jobIds,
  PipelineQueues,
  readModelFile,
  registerModel,
  rollbackModel,
  startShadowRun,
  startWorkers,
  type PipelineContext,
  type WorkerPool,
} from '../../workers/index.js';
import { candidateModelText } from '../helpers/models.js';
import { storeCapturedAd } from '../helpers/seed.js';
import {
  must,
  obliterateQueues,
  openTestStore,
  silentLogger,
  testConfig,
  waitFor,
} from '../helpers/services.js';
import { systemClock } from '../../core/index.js';

describe('classify workers and the model registry', () => {
  let config: AdwatchConfig;
  let store: Store;
  let queues: PipelineQueues;
  let alerts: AlertEngine;
  let pool: WorkerPool | undefined;
  let adCount = 0;
  const connection = createRedisConnection(inject('redisUrl'));
  const candidate = readModelFile(candidateModelText(), 'candidate');
  const stamp = () => ({ by: 'sue', at: new Date() });

  beforeAll(async () => {
    config = testConfig({ classifier: { threads: 1 } });
    store = await openTestStore(config);
    queues = new PipelineQueues(connection, config);
    alerts = new AlertEngine({ config, store, queues, logger: silentLogger, env: {} });
    const context: PipelineContext = {
      config,
      sources: new Map(),
      store,
      queues,
      fetchers: {} as Fetchers,
      logger: silentLogger,
      alerts,
      clock: systemClock,
    };
    pool = startWorkers(context, { redisUrl: inject('redisUrl'), queues: ['classify'] });
  });

  afterAll(async () => {
    await pool?.close(true);
    alerts.close();
    await obliterateQueues(queues);
    await queues.close();
    connection.disconnect();
    await store.dropDatabase();
    await store.close();
  });

  /** Stores a new ad, has the workers classify it and returns its stored classification. */
  async function classifyNewAd() {
    adCount++;
    const { adId, contentHash } = await storeCapturedAd(store, {
      sourceId: 'board',
      url: `https://jobs.example.am/ad/${adCount}`,
      html: '<h1>Hostess</h1>',
      seenAt: new Date('2026-04-01T10:00:00Z'),
      ad: {
        title: 'Hostess in Dubai',
        body: `Girls 18-25 wanted for a club in Dubai, free visa and tickets, no experience needed, high salary. Ad ${adCount}.`,
      },
    });
    const jobId = jobIds.classify(adId, contentHash);
    await queues.classify.add('classify', { adId, contentHash }, { jobId });
    await waitFor(
      async () => {
        const job: Job | undefined = await queues.classify.getJob(jobId);
        return job?.finishedOn ? job : undefined;
      },
      { what: `ad ${adCount} to be classified` },
    );
    return { adId, classification: must((await store.ads.findById(adId))?.classification) };
  }

  /** Classifies new ads until one is scored by `version` (workers re-read the registry every 5 s). */
  function firstAdScoredBy(version: string) {
    return waitFor(
      async () => {
        const ad = await classifyNewAd();
        return ad.classification.versions.model === version ? ad : undefined;
      },
      { what: `an ad scored by model ${version}`, intervalMillis: 500 },
    );
  }

  it('scores with the committed model, shadows a candidate, then flags with it once activated and rolled back', async () => {
    const committed = committedModel()._id;
    expect(candidate._id).not.toBe(committed);
    expect((await classifyNewAd()).classification.versions.model).toBe(committed);

    await registerModel(store, candidate, 'test', stamp());
    await startShadowRun(store, candidate._id, stamp());
    // The shadow's scores are kept apart; the ad's classification stays the committed model's.
    const shadowed = await waitFor(
      async () => {
        const ad = await classifyNewAd();
        const counts = await store.models.shadowCounts(candidate._id);
        return counts.scored > 0 ? ad : undefined;
      },
      { what: 'a shadow score', intervalMillis: 500 },
    );
    expect(shadowed.classification.versions.model).toBe(committed);

    await expect(
      activateModel(store, candidate._id, { shadowMinAds: 1_000, shadowMinHours: 0 }, stamp()),
    ).rejects.toThrow(/scored \d+ of the 1000 new ads required/);
    const { previous } = await activateModel(
      store,
      candidate._id,
      { shadowMinAds: 1, shadowMinHours: 0 },
      stamp(),
    );
    expect(previous).toBe(committed);
    const scoredByCandidate = await firstAdScoredBy(candidate._id);
    expect(scoredByCandidate.classification.versions.model).toBe(candidate._id);

    const { model } = await rollbackModel(store, stamp());
    expect(model._id).toBe(committed);
    await firstAdScoredBy(committed);
  });
});
