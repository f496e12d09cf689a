import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AdwatchConfig } from '../config/index.js';
import {
  allQueueNames,
  jobIds,
  QueueName,
  type AlertJobData,
  type ClassifyJobData,
  type CrawlJobData,
  type ExtractJobData,
  type LinkJobData,
} from './queues.js';

export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

/** Producers for the three pipeline queues, sharing one Redis connection. */
export class PipelineQueues {
  readonly crawl: Queue<CrawlJobData>;
  readonly extract: Queue<ExtractJobData>;
  readonly classify: Queue<ClassifyJobData>;
  /** Campaign linking, one job at a time across every process (see {@link ensureSingleLinker}). */
  readonly link: Queue<LinkJobData>;
  /** Alert deliveries and the surge check (workers/alerts). */
  readonly alerts: Queue<AlertJobData>;

  constructor(connection: Redis, config: AdwatchConfig) {
    const defaultJobOptions: JobsOptions = {
      attempts: config.queues.attempts,
      backoff: { type: 'exponential', delay: config.queues.backoffMillis },
      // Completed jobs are trimmed; failed ones stay for inspection (`adwatch status`, Bull Board).
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: false,
    };
    const options = { connection, prefix: config.queues.prefix, defaultJobOptions };
    this.crawl = new Queue<CrawlJobData>(QueueName.Crawl, options);
    this.extract = new Queue<ExtractJobData>(QueueName.Extract, options);
    this.classify = new Queue<ClassifyJobData>(QueueName.Classify, options);
    this.link = new Queue<LinkJobData>(QueueName.Link, options);
    this.alerts = new Queue<AlertJobData>(QueueName.Alerts, options);
  }

  byName(name: QueueName): Queue {
    return {
      crawl: this.crawl,
      extract: this.extract,
      classify: this.classify,
      link: this.link,
      alerts: this.alerts,
    }[name] as Queue;
  }

  /** Job counts per queue, as `adwatch status` shows them. */
  async counts(): Promise<Record<QueueName, QueueCounts>> {
    const entries = await Promise.all(
      allQueueNames.map(async (name) => {
        const counts = await this.byName(name).getJobCounts(
          'waiting',
          'active',
          'completed',
          'failed',
          'delayed',
          'prioritized',
          'waiting-children',
        );
        const queueCounts: QueueCounts = {
          waiting:
            (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0),
          active: counts.active ?? 0,
          completed: counts.completed ?? 0,
          failed: counts.failed ?? 0,
          delayed: counts.delayed ?? 0,
        };
        return [name, queueCounts] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<QueueName, QueueCounts>;
  }

  /**
   * Queues the full-page screenshot of a flagged ad's latest capture, once per capture, after the
   * waiting scans and ad fetches (jobs without a priority go first in BullMQ).
   */
  async addScreenshot(adId: string, latestCaptureId?: string): Promise<void> {
    await this.crawl.add(
      'screenshot',
      { kind: 'screenshot', adId },
      { jobId: jobIds.screenshot(adId, latestCaptureId), priority: 10 },
    );
  }

  /**
   * Campaign linking reads and rewrites whole campaigns, so one ad is linked at a time across
   * every worker process (BullMQ's global concurrency, kept in Redis); safe to call at every start.
   */
  async ensureSingleLinker(): Promise<void> {
    await this.link.setGlobalConcurrency(1);
  }

  /** Queues the campaign linking of an ad's classified text, once per text. */
  async addLink(adId: string, contentHash: string): Promise<void> {
    await this.link.add('link', { adId, contentHash }, { jobId: jobIds.link(adId, contentHash) });
  }

  /** The most recent failed jobs of every queue, newest first. */
  async recentFailures(
    limit = 5,
  ): Promise<Array<{ queue: QueueName; id: string; reason: string; at?: Date }>> {
    const lists = await Promise.all(
      allQueueNames.map(async (queue) =>
        (await this.byName(queue).getFailed(0, limit - 1)).map((job) => ({
          queue,
          id: job.id ?? '',
          reason: job.failedReason,
          ...(job.finishedOn ? { at: new Date(job.finishedOn) } : {}),
        })),
      ),
    );
    return lists
      .flat()
      .sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0))
      .slice(0, limit);
  }

  async close(): Promise<void> {
    await Promise.all([
      this.crawl.close(),
      this.extract.close(),
      this.classify.close(),
      this.link.close(),
      this.alerts.close(),
    ]);
  }
}
