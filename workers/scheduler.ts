import type { Logger, SourceConfig } from '../config/index.js';
import type { PipelineQueues } from './pipeline.queues.js';
import { jobIds } from './queues.js';

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
  for (const existing of await queues.crawl.getJobSchedulers()) {
    if (!wanted.has(existing.key)) {
      await queues.crawl.removeJobScheduler(existing.key);
      logger.info({ scheduler: existing.key }, 'removed schedule of a source no longer configured');
    }
  }
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
