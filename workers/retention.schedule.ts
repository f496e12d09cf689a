import type { RetentionConfig } from '../config/index.js';
import type { PipelineContext } from './pipeline.context.js';
import type { PipelineQueues } from './pipeline.queues.js';
import { jobIds } from './jobs.js';
import { runRetention } from './retention.runner.js';
import type { Logger } from '../core/index.js';

/**
 * Registers the retention run on the alerts queue (the queue of periodic jobs) at
 * `retention.cron` (UTC), or removes it when enforcement is off. Never run at registration: a
 * start-up must not delete anything. Idempotent, like the other schedules.
 */
export async function registerRetentionSchedule(
  queues: PipelineQueues,
  policy: RetentionConfig,
  logger: Logger,
): Promise<void> {
  const id = jobIds.retentionScheduler();
  if (!policy.enabled) {
    await queues.alerts.removeJobScheduler(id);
    logger.info('retention enforcement is off (retention.enabled: false)');
    return;
  }
  await queues.alerts.upsertJobScheduler(
    id,
    { pattern: policy.cron, tz: 'UTC' },
    // One attempt: a failed run is simply the next day's to finish (every write is re-checked).
    { name: 'retention', data: { kind: 'retention' }, opts: { attempts: 1 } },
  );
  logger.info({ cron: policy.cron }, 'retention run scheduled');
}

/** The scheduled job: the policy as this worker's configuration has it, at the job's time. */
export async function runScheduledRetention(
  context: PipelineContext,
): Promise<Record<string, unknown>> {
  const policy = context.config.retention;
  if (!policy.enabled) return { skipped: 'retention.enabled is false' };
  const summary = await runRetention({
    store: context.store,
    policy,
    now: new Date(),
    actor: 'system',
  });
  const counts = Object.fromEntries(summary.rules.map((r) => [r.rule, r.ads]));
  context.logger.info(counts, 'retention run finished');
  return counts;
}
