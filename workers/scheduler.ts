import type { SourceConfig } from '../config/index.js';
import type { PipelineQueues } from './pipeline.queues.js';
import { jobIds } from './jobs.js';
import type { Logger } from '../core/index.js';

/**
 * Registers one BullMQ job scheduler per enabled source (its interval or cron pattern), removes
 * the schedulers of sources no longer configured, and returns the ids registered. Safe to run
 * from every scheduler process: upserts of the same id are idempotent.
 */
export async function registerSchedules(
  queues: PipelineQueues,
  sources: Iterable<SourceConfig>,
  logger: Logger,
): Promise<string[]> {
  const wanted = new Map<string, SourceConfig>();
  for (const source of sources)
    if (source.enabled) wanted.set(jobIds.scanScheduler(source.id), source);
  const dropped = (await queues.crawl.getJobSchedulers())
    .map((existing) => existing.key)
    .filter((key) => !wanted.has(key));
  for (const key of dropped) {
    await queues.crawl.removeJobScheduler(key);
    logger.info({ scheduler: key }, 'removed schedule of a source no longer configured');
  }
  if (dropped.length > 0) await removePendingScans(queues, new Set(dropped), logger);
  for (const [schedulerId, source] of wanted) {
    const repeat =
      'everyMillis' in source.schedule
        ? { every: source.schedule.everyMillis }
        : { pattern: source.schedule.cron, tz: 'UTC', immediately: true };
    await queues.crawl.upsertJobScheduler(schedulerId, repeat, {
      name: 'scan',
      data: { kind: 'scan', sourceId: source.id },
    });
  }
  logger.info({ sources: [...wanted.values()].map((s) => s.id) }, 'scan schedules registered');
  return [...wanted.keys()];
}

/**
 * Removes the scans a removed scheduler had already queued (its next one, waiting or delayed):
 * they would fail, their source being gone.
 */
async function removePendingScans(
  queues: PipelineQueues,
  schedulerIds: Set<string>,
  logger: Logger,
): Promise<void> {
  const pending = await queues.crawl.getJobs(['waiting', 'delayed', 'prioritized']);
  const stale = pending.filter((job) => job.repeatJobKey && schedulerIds.has(job.repeatJobKey));
  // A job a worker took meanwhile cannot be removed; it fails as a scan of an unknown source.
  const removed = await Promise.all(
    stale.map((job) =>
      job.remove().then(
        () => true,
        () => false,
      ),
    ),
  );
  const count = removed.filter(Boolean).length;
  if (count > 0)
    logger.info({ scans: count }, 'removed queued scans of sources no longer configured');
}
