import { MongoClient } from 'mongodb';
import { inject } from 'vitest';
import type { AdwatchConfig, RawConfig } from '../../config/index.js';
import type { Store } from '../../store/index.js';
import { AlertEngine, PipelineQueues, createRedisConnection } from '../../workers/index.js';
import type { AlertCampaign, PipelineContext } from '../../workers/index.js';
import { obliterateQueues, openTestStore, silentLogger, testConfig } from '../helpers/services.js';
import { workerContext } from '../helpers/workers.js';

/** A store, queues and an alert engine with a clock the test moves, on their own database. */
export interface AlertsFixture {
  config: AdwatchConfig;
  store: Store;
  queues: PipelineQueues;
  engine: AlertEngine;
  clock: { now: Date };
  /** The context a worker pool of the alerts queue needs (no fetchers: no crawl worker runs). */
  context: PipelineContext;
  close(): Promise<void>;
}

export async function startAlerts(
  alerts: RawConfig['alerts'] = {},
  env: NodeJS.ProcessEnv = {},
): Promise<AlertsFixture> {
  const config = testConfig({ alerts });
  const store = await openTestStore(config);
  const connection = createRedisConnection(inject('redisUrl'));
  const queues = new PipelineQueues(connection, config);
  const clock = { now: new Date('2026-03-10T12:00:00Z') };
  const engine = new AlertEngine({
    config,
    store,
    queues,
    logger: silentLogger,
    env,
    now: () => clock.now,
  });
  const context = workerContext({
    config,
    store,
    queues,
    alerts: engine,
    clock: { now: () => clock.now },
  });
  return {
    config,
    store,
    queues,
    engine,
    clock,
    context,
    close: async () => {
      engine.close();
      await obliterateQueues(queues);
      await queues.close();
      connection.disconnect();
      await store.dropDatabase();
      await store.close();
    },
  };
}

/** Puts ads in a campaign, as the link worker would (tests of the alert rules only). */
export async function setCampaign(database: string, adIds: string[], campaignId: string) {
  const client = await MongoClient.connect(inject('mongoUri'));
  try {
    await client
      .db(database)
      .collection<{ _id: string }>('ads')
      .updateMany({ _id: { $in: adIds } }, { $set: { campaignId } });
  } finally {
    await client.close();
  }
}

/** A campaign record as the link worker keeps it. */
export function campaignOf(
  id: string,
  firstAdId: string,
  fields: Partial<AlertCampaign> = {},
): AlertCampaign {
  return {
    _id: id,
    firstAdId,
    adCount: 3,
    flaggedCount: 3,
    minScore: 70,
    maxScore: 90,
    sources: ['board-a', 'board-b'],
    ...fields,
  };
}
