// The BullMQ queues of the pipeline, stamped with their installation; the jobs they carry are
// described in jobs.ts.
import { Queue, type JobsOptions, type QueueOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AdwatchConfig } from '../config/index.js';
import type { Installation } from './installation.js';
import {
  allQueueNames,
  jobIds,
  QueueName,
  type AlertJobData,
  type ClassifyJobData,
  type CrawlJobData,
  type ExtractJobData,
  type LinkJobData,
} from './jobs.js';

export interface QueueCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

/** The queue prefix of processes and tools that know no installation (tests, older data). */
export const legacyQueuePrefix = 'adwatch';

/**
 * A queue that stamps its installation on every job it adds (`data.installation`) and puts the
 * installation's tag before every job id it is given (see {@link Installation}).
 */
class InstallationQueue<T extends object> extends Queue<T> {
  constructor(
    name: string,
    options: QueueOptions,
    private readonly installation: Installation | undefined,
  ) {
    super(name, options);
  }

  /** The id under which a job added with `jobId` is stored. */
  scopedId(jobId: string): string {
    return this.installation ? `${this.installation.jobTag}-${jobId}` : jobId;
  }

  override addJob(
    ...[name, data, opts]: Parameters<Queue<T>['addJob']>
  ): ReturnType<Queue<T>['addJob']> {
    return super.addJob(name, this.stamp(data), this.scope(opts));
  }

  override addBulk(...[jobs]: Parameters<Queue<T>['addBulk']>): ReturnType<Queue<T>['addBulk']> {
    return super.addBulk(
      jobs.map((job) => ({ ...job, data: this.stamp(job.data), opts: this.scope(job.opts) })),
    );
  }

  override upsertJobScheduler(
    ...[schedulerId, repeat, template]: Parameters<Queue<T>['upsertJobScheduler']>
  ): ReturnType<Queue<T>['upsertJobScheduler']> {
    return super.upsertJobScheduler(schedulerId, repeat, {
      ...template,
      ...(template?.data ? { data: this.stamp(template.data) } : {}),
    });
  }

  private stamp<D>(data: D): D {
    return this.installation ? { ...data, installation: this.installation.id } : data;
  }

  private scope(opts: JobsOptions | undefined): JobsOptions | undefined {
    return opts?.jobId ? { ...opts, jobId: this.scopedId(opts.jobId) } : opts;
  }
}

/**
 * Producers for the pipeline queues, sharing one Redis connection. With an installation, the
 * queues live under its prefix and every job carries it; without one (tests), under
 * `queues.prefix`.
 */
export class PipelineQueues {
  /** The Redis key prefix of these queues (and of the crawlers' politeness keys). */
  readonly prefix: string;
  readonly installation: Installation | undefined;
  readonly crawl: InstallationQueue<CrawlJobData>;
  readonly extract: InstallationQueue<ExtractJobData>;
  readonly classify: InstallationQueue<ClassifyJobData>;
  /** Campaign linking, one job at a time across every process (see {@link ensureSingleLinker}). */
  readonly link: InstallationQueue<LinkJobData>;
  /** Alert deliveries and the surge check (workers/alerts). */
  readonly alerts: InstallationQueue<AlertJobData>;
  /** Whether flagged ads get evidence screenshots (`browser.screenshots`). */
  private readonly screenshots: boolean;

  constructor(
    private readonly connection: Redis,
    config: AdwatchConfig,
    installation?: Installation,
  ) {
    const defaultJobOptions: JobsOptions = {
      attempts: config.queues.attempts,
      backoff: { type: 'exponential', delay: config.queues.backoffMillis },
      // Completed jobs are trimmed; failed ones stay for inspection (`adwatch status`, Bull Board).
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: false,
    };
    this.installation = installation;
    this.screenshots = config.browser.screenshots;
    this.prefix = installation?.queuePrefix ?? config.queues.prefix ?? legacyQueuePrefix;
    const options = { connection, prefix: this.prefix, defaultJobOptions };
    this.crawl = new InstallationQueue<CrawlJobData>(QueueName.Crawl, options, installation);
    this.extract = new InstallationQueue<ExtractJobData>(QueueName.Extract, options, installation);
    this.classify = new InstallationQueue<ClassifyJobData>(
      QueueName.Classify,
      options,
      installation,
    );
    this.link = new InstallationQueue<LinkJobData>(QueueName.Link, options, installation);
    this.alerts = new InstallationQueue<AlertJobData>(QueueName.Alerts, options, installation);
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
   * waiting scans and ad fetches (jobs without a priority go first in BullMQ); nothing when
   * `browser.screenshots` is off.
   */
  async addScreenshot(adId: string, latestCaptureId?: string): Promise<void> {
    if (!this.screenshots) return;
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

  /**
   * Claims the look for ads not linked yet (workers/link.processor.ts, queueUnlinkedAds) for
   * `leaseMillis`; false if another process holds it or a look ended within the period recorded
   * by {@link recordUnlinkedScan}. The mark is kept in Redis next to the link queue's keys, so a
   * Redis that lost its data, and with it link jobs, has the next link worker look again.
   */
  async claimUnlinkedScan(leaseMillis: number): Promise<boolean> {
    const key = this.link.toKey('unlinked-scan');
    return (await this.connection.set(key, 'running', 'PX', leaseMillis, 'NX')) === 'OK';
  }

  /** Marks the look for ads not linked yet as done, for `everyMillis`. */
  async recordUnlinkedScan(everyMillis: number): Promise<void> {
    const key = this.link.toKey('unlinked-scan');
    await this.connection.set(key, `done ${new Date().toISOString()}`, 'PX', everyMillis);
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
