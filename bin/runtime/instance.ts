import type { FastifyInstance } from 'fastify';
import type { AdwatchConfig, SourceConfig } from '../../config/index.js';
import { createFetchers } from '../../crawlers/index.js';
import { buildDashboard, ensureFirstAdmin, listenDashboard } from '../../dashboard/index.js';
import { configuredSigningKey, instanceIdentity } from '../../evidence/index.js';
import { openStore, type Store } from '../../store/index.js';
import {
  claimQueuePrefix,
  createRedisConnection,
  AlertEngine,
  PipelineQueues,
  registerAlertSchedule,
  registerRetentionSchedule,
  registerSchedules,
  resolveInstallation,
  QueueName,
  queueUnlinkedAds,
  startWorkers,
  type WorkerPool,
} from '../../workers/index.js';
import type { DemoBoards } from '../../demo/index.js';
import { demoCrawlerConfig, demoSources, isDemo, startDemo } from './demo.js';
import { seedDemoModels } from './demo-models.js';
import { startDemoDecisions } from './demo-decisions.js';
import { writeRuntimeFile, removeRuntimeFile } from './runtime-file.js';
import { ensureRedisAnswers, findServices, startOwnServices, type Services } from './services.js';
import { systemClock, type Clock, type Logger } from '../../core/index.js';

/** Which roles this process plays. `adwatch up` plays all of them. */
export interface Roles {
  workers: QueueName[];
  scheduler: boolean;
  dashboard: boolean;
}

export interface InstanceOptions {
  config: AdwatchConfig;
  logger: Logger;
  roles: Roles;
  /** Start (or find) the services and the demo here and publish them in the runtime file. */
  ownServices: boolean;
  /** Sources to watch instead of the configured (or demo) ones; tests use it. */
  sources?: SourceConfig[];
  /** The clock that decides what is due (core/clock.ts); the real time unless a test moves it. */
  clock?: Clock;
}

/** A running adwatch process. */
export interface Instance {
  readonly dashboardUrl?: string;
  readonly store: Store;
  readonly queues: PipelineQueues;
  readonly sources: ReadonlyMap<string, SourceConfig>;
  readonly demo?: DemoBoards;
  /** Stops every role, then the services this process started. `force` hands active jobs back. */
  stop(force?: boolean): Promise<void>;
}

/** Starts the services and roles of one process, in dependency order; undoes it all on failure. */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const { config, logger, roles } = options;
  const clock = options.clock ?? systemClock;
  const cleanup: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const step of cleanup.reverse()) {
      await step().catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'));
    }
  };
  try {
    const services: Services = options.ownServices
      ? await startOwnServices(config, logger)
      : findServices(config);
    cleanup.push(() => services.stop());
    if (!options.ownServices) await ensureRedisAnswers(services);

    let demo: DemoBoards | undefined;
    let demoOrigin = services.instance?.demoOrigin;
    if (options.ownServices && isDemo(config)) {
      demo = await startDemo(config);
      demoOrigin = demo.origin;
      cleanup.push(() => (demo as DemoBoards).close());
      logger.info({ origin: demo.origin }, 'demo job boards served (no sources configured)');
    }
    const sourceList =
      options.sources ??
      (demoOrigin && isDemo(config) ? demoSources(demoOrigin, config) : config.sources);
    const sources = new Map(sourceList.map((source) => [source.id, source]));

    const store = await openStore({ uri: services.mongoUri, database: config.mongo.database });
    cleanup.push(() => store.close());
    if (demo) {
      // A past of analysts' decisions on the demo's ads, for the indicator-quality screen.
      const seeder = startDemoDecisions(store, logger);
      cleanup.push(() => seeder.stop());
      // A candidate model next to the committed one, for the model registry.
      await seedDemoModels(store, logger);
    }
    const connection = createRedisConnection(services.redisUrl);
    cleanup.push(() => Promise.resolve(connection.disconnect()));
    const installation = await resolveInstallation(store, {
      dataDir: config.dataDir,
      ...(config.queues.prefix ? { configuredPrefix: config.queues.prefix } : {}),
      logger,
    });
    const prefixClaim = await claimQueuePrefix(connection, installation, {
      database: config.mongo.database,
      logger,
    });
    cleanup.push(() => prefixClaim.release());
    const queues = new PipelineQueues(connection, config, installation);
    cleanup.push(() => queues.close());

    const fetchers = createFetchers(connection, {
      crawler: demoOrigin && isDemo(config) ? demoCrawlerConfig(config) : config.crawler,
      prefix: queues.prefix,
      browserPages: config.browser.pages,
      ...(config.browser.executablePath
        ? { browserExecutablePath: config.browser.executablePath }
        : {}),
    });
    cleanup.push(() => fetchers.browser.close());

    let pool: WorkerPool | undefined;
    if (roles.workers.length > 0) {
      if (roles.workers.includes(QueueName.Link)) {
        await queues.ensureSingleLinker();
        // Ads classified before campaigns existed (or whose link job was lost) are linked too.
        queueUnlinkedAds(store, queues).then(
          (queued) => queued && logger.info({ ads: queued }, 'ads queued for campaign linking'),
          (error: unknown) =>
            logger.warn({ error: String(error) }, 'could not queue unlinked ads for linking'),
        );
      }
      pool = startWorkers(
        {
          config,
          sources,
          store,
          queues,
          fetchers,
          logger,
          alerts: new AlertEngine({
            config,
            store,
            queues,
            logger,
            env: process.env,
            now: () => clock.now(),
          }),
          clock,
        },
        { redisUrl: services.redisUrl, queues: roles.workers },
      );
    }
    if (roles.scheduler) {
      await registerSchedules(queues, sources.values(), logger);
      await registerAlertSchedule(queues, config.alerts.rules, logger);
      await registerRetentionSchedule(queues, config.retention, logger);
    }

    let dashboard: FastifyInstance | undefined;
    let dashboardUrl: string | undefined;
    if (roles.dashboard) {
      const backfilled = await store.triage.backfillContacts();
      if (backfilled > 0)
        logger.info({ ads: backfilled }, 'normalised contacts added to older ads');
      const searchable = await store.triage.backfillSearchTerms();
      if (searchable > 0) logger.info({ ads: searchable }, 'search words added to older ads');
      const firstPassword = await ensureFirstAdmin(store);
      if (firstPassword) {
        // Printed once, on stdout only, never as a log field: it is not stored anywhere in clear.
        process.stdout.write(
          `\n*** First start: created dashboard account "admin" with password ${firstPassword}\n` +
            '*** It is shown only this once. Log in and create personal accounts (adwatch user add).\n\n',
        );
      }
      const app = await buildDashboard({
        store,
        logger,
        settings: config.dashboard,
        queues,
        sourceIds: [...sources.keys()],
        flagThreshold: config.classifier.flagThreshold,
        modelRollout: config.classifier,
        evidence: {
          signingKey: () => configuredSigningKey(config),
          instance: instanceIdentity(config.dataDir),
          ...(config.browser.executablePath
            ? { executablePath: config.browser.executablePath }
            : {}),
          ...(config.evidence.timestampAuthorityUrl
            ? { timestampAuthorityUrl: config.evidence.timestampAuthorityUrl }
            : {}),
        },
      });
      dashboard = app;
      cleanup.push(() => app.close());
      dashboardUrl = await listenDashboard(dashboard, config.dashboard.host, config.dashboard.port);
    }
    // Workers stop before the store and queues they use (cleanup runs in reverse).
    if (pool) cleanup.push((force = false) => pool.close(force));

    if (options.ownServices) {
      writeRuntimeFile(config.dataDir, {
        pid: process.pid,
        startedAt: new Date().toISOString(),
        roles: [
          ...roles.workers.map((q) => `worker:${q}`),
          ...(roles.scheduler ? ['scheduler'] : []),
          ...(roles.dashboard ? ['dashboard'] : []),
        ],
        // URLs from the environment may carry passwords: other processes read those from their own environment.
        ...(config.redis.url ? {} : { redisUrl: services.redisUrl }),
        ...(config.mongo.uri ? {} : { mongoUri: services.mongoUri }),
        database: config.mongo.database,
        queuePrefix: queues.prefix,
        ...(dashboardUrl ? { dashboardUrl } : {}),
        ...(demoOrigin ? { demoOrigin } : {}),
        sourceIds: [...sources.keys()],
        embedded: {
          ...(services.embeddedMongod ? { mongodPid: services.embeddedMongod.pid } : {}),
          ...(services.embeddedRedis ? { redisPid: services.embeddedRedis.pid } : {}),
        },
      });
      cleanup.push(() => Promise.resolve(removeRuntimeFile(config.dataDir)));
    }

    let stopping: Promise<void> | undefined;
    return {
      ...(dashboardUrl ? { dashboardUrl } : {}),
      ...(demo ? { demo } : {}),
      store,
      queues,
      sources,
      stop: async (force = false) => {
        if (force && pool) await pool.close(true);
        stopping ??= stopAll();
        await stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
