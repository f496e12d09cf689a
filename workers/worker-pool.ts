import { DelayedError, UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { ThrottledError } from '../crawlers/index.js';
import { createAlertProcessor } from './alerts/index.js';
import { createClassifyProcessor } from './classify.processor.js';
import { createCrawlProcessor } from './crawl.processor.js';
import { createExtractProcessor } from './extract.processor.js';
import { jobInstallation, type Installation } from './installation.js';
import { createLinkProcessor } from './link.processor.js';
import type { PipelineContext, ThreadedContext } from './pipeline.context.js';
import { QueueName } from './jobs.js';
import { createRedisConnection } from './redis.connection.js';
import { PipelineThreads } from './threads/index.js';
import { AdwatchError, describeError, ErrorCode } from '../core/index.js';

export interface WorkerPoolOptions {
  redisUrl: string;
  queues: QueueName[];
}

/** The running workers of one process. */
export interface WorkerPool {
  readonly workers: Worker[];
  /**
   * Stops taking jobs and gives the active ones `queues.stopGraceMillis` to finish. Jobs still
   * running after that, or at once with force (also when a graceful close is under way), are
   * left to their lock: another worker takes them over once it expires.
   */
  close(force?: boolean): Promise<void>;
}

/**
 * Starts one BullMQ worker per requested queue in this process, and the worker threads that
 * extract and classify for the crawl, extract and classify queues (`classifier.threads`).
 */
export function startWorkers(context: PipelineContext, options: WorkerPoolOptions): WorkerPool {
  const { config, logger } = context;
  let threads: PipelineThreads | undefined;
  const threaded = (): ThreadedContext => {
    threads ??= new PipelineThreads({ ...config.classifier, logger });
    return { ...context, threads };
  };
  const processors: Record<QueueName, () => Processor> = {
    [QueueName.Crawl]: () => createCrawlProcessor(threaded()),
    [QueueName.Extract]: () => createExtractProcessor(threaded()),
    [QueueName.Classify]: () => createClassifyProcessor(threaded()),
    [QueueName.Link]: () => createLinkProcessor(context),
    [QueueName.Alerts]: () => createAlertProcessor(context),
  };
  const connections: Redis[] = [];
  const workers = options.queues.map((name) => {
    const connection = createRedisConnection(options.redisUrl);
    connections.push(connection);
    const processor = onlyOwnJobs(withRetryPolicy(processors[name]()), context.queues.installation);
    const worker = new Worker(name, processor, {
      connection,
      prefix: context.queues.prefix,
      // Linking rewrites whole campaigns: one job at a time (the queue's global concurrency too).
      concurrency: name === QueueName.Link ? 1 : config.queues.concurrency[name],
      lockDuration: config.queues.lockDurationMillis,
      stalledInterval: config.queues.stalledIntervalMillis,
    });
    worker.on('failed', (job: Job | undefined, error: Error) => {
      const attempts = job?.opts.attempts ?? 1;
      const final = error instanceof UnrecoverableError || (job?.attemptsMade ?? 0) >= attempts;
      logger[final ? 'warn' : 'debug'](
        { queue: name, job: job?.id, attempt: job?.attemptsMade, final },
        `job failed: ${error.message}`,
      );
    });
    worker.on('error', (error) => logger.error({ queue: name }, `worker error: ${error.message}`));
    return worker;
  });
  logger.info({ queues: options.queues }, 'workers started');
  // BullMQ's close(force) after a close() waits for the jobs all the same: the grace period and a
  // forced stop are decided here, and the workers are then closed without waiting.
  let hurry = (): void => undefined;
  const hurried = new Promise<void>((resolve) => (hurry = resolve));
  let closing: Promise<void> | undefined;
  const closeWorkers = async (): Promise<void> => {
    const grace = setTimeout(hurry, config.queues.stopGraceMillis);
    const drained = Promise.allSettled(workers.map((worker) => worker.pause()));
    const finished = await Promise.race([drained.then(() => true), hurried.then(() => false)]);
    clearTimeout(grace);
    if (!finished) {
      logger.warn(
        { lockDurationMillis: config.queues.lockDurationMillis },
        'stopping with jobs unfinished; another worker takes them over once their lock expires',
      );
    }
    await Promise.all(workers.map((worker) => worker.close(true)));
    // BullMQ leaves connections it was given open; they are ours to close.
    connections.forEach((connection) => connection.disconnect());
  };
  return {
    workers,
    close: async (force = false) => {
      if (force) hurry();
      closing ??= closeWorkers();
      await closing;
      // Once the workers are closed no job uses the threads (forced: a running task is dropped).
      await threads?.close();
    },
  };
}

/**
 * Fails, without running it, a job another installation queued (its store is not ours): possible
 * only on a configured queue prefix that a new installation inherited with the old one's jobs.
 * Jobs without an installation, queued before installations existed, are run.
 */
function onlyOwnJobs<T>(
  processor: Processor<T>,
  installation: Installation | undefined,
): Processor<T> {
  if (!installation) return processor;
  return async (job, token) => {
    const owner = jobInstallation(job.data);
    if (owner && owner !== installation.id) {
      throw new UnrecoverableError(
        describeError(
          new AdwatchError(
            ErrorCode.ForeignJob,
            `job queued by installation ${owner}, not by this one (${installation.id}); its ads belong to that installation's database, so it is not run`,
          ),
        ),
      );
    }
    return (await processor(job, token)) as unknown;
  };
}

/**
 * Applies the retry policy by error type: a site asking us to slow down (ThrottledError) puts the
 * job back as delayed, without using up an attempt; an AdwatchError that says it is not
 * retryable fails the job at once (BullMQ's UnrecoverableError); anything else is retried with
 * backoff.
 */
function withRetryPolicy<T>(processor: Processor<T>): Processor<T> {
  return async (job, token) => {
    try {
      return (await processor(job, token)) as unknown;
    } catch (error) {
      if (error instanceof ThrottledError && token) {
        await job.moveToDelayed(Date.now() + error.retryAfterMillis, token);
        throw new DelayedError(describeError(error));
      }
      if (error instanceof AdwatchError && !error.retryable) {
        throw new UnrecoverableError(describeError(error));
      }
      // BullMQ keeps a failed job's message only: the code goes in front of it here too, so that
      // a job that failed its last attempt says what kind of error it was.
      if (error instanceof AdwatchError) throw new Error(describeError(error), { cause: error });
      throw error;
    }
  };
}
