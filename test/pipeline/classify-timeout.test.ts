import type { Job } from 'bullmq';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { type AdwatchConfig } from '../../config/index.js';
import type { Fetchers } from '../../crawlers/index.js';
import type { Store } from '../../store/index.js';
import {
  AlertEngine,
  createRedisConnection,
  jobIds,
  PipelineQueues,
  startWorkers,
  type PipelineContext,
  type WorkerPool,
} from '../../workers/index.js';
import { storeCapturedAd } from '../helpers/seed.js';
import {
  must,
  obliterateQueues,
  openTestStore,
  silentLogger,
  testConfig,
  waitFor,
} from '../helpers/services.js';
import { ErrorCode, systemClock } from '../../core/index.js';

/**
 * A text whose classification takes more than a minute: 160,000 age ranges, each checked against
 * the ones before it. The time limit below is a second, so the job cannot finish in time on any
 * machine, and an ordinary ad (milliseconds in a warm thread) cannot miss it. The store cuts
 * bodies to 30,000 characters, so the test writes this one past the store, straight into MongoDB.
 */
const costlyBody = 'девушки 18-25 лет, '.repeat(160_000);

describe('a classification that runs out of time', () => {
  let config: AdwatchConfig;
  let store: Store;
  let queues: PipelineQueues;
  let alerts: AlertEngine;
  let pool: WorkerPool | undefined;
  const connection = createRedisConnection(inject('redisUrl'));

  beforeAll(async () => {
    config = testConfig({
      classifier: { threads: 1, timeoutMillis: 1_000 },
      // One job at a time: the next job runs on the thread that replaced the stopped one.
      queues: { concurrency: { classify: 1 } },
    });
    store = await openTestStore(config);
    queues = new PipelineQueues(connection, config);
    alerts = new AlertEngine({ config, store, queues, logger: silentLogger, env: {} });
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

  async function storeAd(n: number, title: string, body: string) {
    return storeCapturedAd(store, {
      sourceId: 'board',
      url: `https://jobs.example.am/ad/${n}`,
      html: `<h1>${title}</h1><div class="body">${body}</div>`,
      seenAt: new Date('2026-04-01T10:00:00Z'),
      ad: { title, body },
    });
  }

  it('fails with ADW_CLASSIFY_TIMEOUT at once, and the worker goes on with the next job', async () => {
    const costly = await storeAd(1, 'Club work abroad', 'Girls wanted.');
    const client = await MongoClient.connect(inject('mongoUri'));
    try {
      await client
        .db(config.mongo.database)
        .collection<{ _id: string }>('ads')
        .updateOne({ _id: costly.adId }, { $set: { body: costlyBody } });
    } finally {
      await client.close();
    }
    const ordinary = await storeAd(
      2,
      'Hostess in Dubai',
      'Girls 18-25 wanted for a club in Dubai, free visa and tickets, passport kept by the employer. WhatsApp +971 50 123 4567',
    );
    const [costlyJob, ordinaryJob] = [costly, ordinary].map(({ adId, contentHash }) => ({
      name: 'classify',
      data: { adId, contentHash },
      opts: { jobId: jobIds.classify(adId, contentHash) },
    }));
    await queues.classify.addBulk([costlyJob, ordinaryJob]);

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

    // One read of the job: its state and reason are those of the same moment.
    const failed = await waitFor(
      async () => {
        const job: Job | undefined = await queues.classify.getJob(costlyJob.opts.jobId);
        return job?.finishedOn ? job : undefined;
      },
      { what: 'the costly job to end' },
    );
    expect(await failed.getState()).toBe('failed');
    expect(failed.failedReason).toContain(ErrorCode.ClassifyTimeout);
    expect(failed.failedReason).toContain('classifier.timeoutMillis (1000 ms)');
    // Not retried: the same text would run out of time again.
    expect(failed.attemptsMade).toBe(1);

    const done = await waitFor(
      async () => {
        const job: Job | undefined = await queues.classify.getJob(ordinaryJob.opts.jobId);
        return job?.finishedOn ? job : undefined;
      },
      { what: 'the next job to end' },
    );
    expect(await done.getState()).toBe('completed');
    const classified = must((await store.ads.findById(ordinary.adId))?.classification);
    expect(classified.contentHash).toBe(ordinary.contentHash);
    expect(classified.flagged).toBe(true);
    expect((await store.ads.findById(costly.adId))?.classification).toBeUndefined();
    expect((await queues.counts()).classify).toMatchObject({ failed: 1, completed: 1 });
  });
});
